namespace DealTracker.Data.Leads;

/// <summary>What the editor saves: the lead's fields and the full set of its party rows.</summary>
public sealed record LeadChanges(
    long DealId, string Title, string? Description, string? Source, string Stage, string? Reason,
    IReadOnlyList<PartyLink> Organizations, IReadOnlyList<PartyLink> Individuals, IReadOnlyList<ContactLink> Contacts,
    long? OwnerUserId = null);
