namespace DealTracker.Data.Pipeline;

/// <summary>
/// One column: a stage of the picklist, or a value leads still hold that is inactive or unknown (so no lead is hidden).
/// The count and money cover the whole column under the filter, not only the cards loaded.
/// </summary>
public sealed record PipelineColumn(
    string Stage,
    bool IsActive,
    bool IsKnown,
    bool IsClosed,
    bool NeedsReason,
    int LeadCount,
    IReadOnlyList<CurrencyAmount> Totals,
    IReadOnlyList<PipelineCard> Cards)
{
    public bool HasMore => Cards.Count < LeadCount;
}
