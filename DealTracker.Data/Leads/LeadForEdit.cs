namespace DealTracker.Data.Leads;

/// <summary>
/// A lead as loaded for editing, with the versions (xmin) of the lead and its status row. Handed back unchanged
/// on save, it is what "the user saw": the save refuses if the database has moved on since.
/// </summary>
public sealed record LeadForEdit(
    long Id, long DealId, string DealName, string Title, string? Description, string? Source, string Stage,
    string? Reason, DateTime UpdatedAt, uint Version, uint? StatusVersion,
    IReadOnlyList<LeadPartyRow> Organizations, IReadOnlyList<LeadPartyRow> Individuals,
    IReadOnlyList<LeadContactRow> Contacts, long? OwnerUserId = null, string? OwnerName = null, LeadDealSummary? Deal = null);
