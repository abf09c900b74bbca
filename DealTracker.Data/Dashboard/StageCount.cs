namespace DealTracker.Data.Dashboard;

public sealed record StageCount(string Stage, int Leads, bool IsActive, bool IsClosed);
