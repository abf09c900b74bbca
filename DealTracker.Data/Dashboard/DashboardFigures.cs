using DealTracker.Data.Pipeline;

namespace DealTracker.Data.Dashboard;

public sealed record DashboardFigures(int Deals, int Leads, IReadOnlyList<StageCount> LeadsPerStage,
    IReadOnlyList<CurrencyAmount> OpenPipeline);
