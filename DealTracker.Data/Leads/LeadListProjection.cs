namespace DealTracker.Data.Leads;

/// <summary>
/// A /leads row as the database sorts it (with the stage's place in the picklist order). A class with settable
/// members, not a positional record, so EF can still order and page after projecting into it.
/// </summary>
internal sealed class LeadListProjection
{
    public long Id { get; init; }
    public string Title { get; init; } = "";
    public long DealId { get; init; }
    public string DealName { get; init; } = "";
    public string Stage { get; init; } = "";
    public int? StageOrder { get; init; }
    public string? Party { get; init; }
    public DateTime UpdatedAt { get; init; }
    public decimal? ValueAmount { get; init; }
    public string? ValueCurrency { get; init; }
    public decimal? Probability { get; init; }
    public DateOnly? CloseDate { get; init; }
    public bool MayOpenDeal { get; init; }
    public long? OwnerUserId { get; init; }
    public string? OwnerName { get; init; }
}
