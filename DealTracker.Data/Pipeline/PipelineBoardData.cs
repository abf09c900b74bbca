namespace DealTracker.Data.Pipeline;

public sealed record PipelineBoardData(
    IReadOnlyList<PipelineColumn> Columns,
    IReadOnlyList<CurrencyAmount> OpenTotals)
{
    public int LeadCount => Columns.Sum(c => c.LeadCount);
}
