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
    /// <summary>
    /// The column of leads without a status row (written before every lead had to have one): shown, never hidden.
    /// Picklist values cannot take this name.
    /// </summary>
    public const string NoStage = "(no stage)";

    public bool HasMore => Cards.Count < LeadCount;
}
