namespace DealTracker.Data.Leads;

public sealed record NewLead(
    long DealId,
    string Title,
    IReadOnlyList<PartyLink> Organizations,
    IReadOnlyList<PartyLink> Individuals,
    IReadOnlyList<ContactLink>? Contacts = null,
    string? Description = null,
    string? Source = null,
    string? Stage = null,
    string? Reason = null,
    long? OwnerUserId = null);
