namespace DealTracker.Data.Leads;

/// <summary>
/// One row of /leads: <see cref="LeadParty"/> names who the lead is with; value, probability and close date are its
/// deal's.
/// </summary>
public sealed record LeadListRow(long Id, string Title, long DealId, string DealName, string Stage, string? PrimaryParty,
    DateTime UpdatedAt, long? OwnerUserId = null, string? OwnerName = null,
    decimal? ValueAmount = null, string? ValueCurrency = null, decimal? Probability = null, DateOnly? CloseDate = null,
    bool MayOpenDeal = true);
