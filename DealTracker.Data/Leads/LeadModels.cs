namespace DealTracker.Data.Leads;

/// <summary>An organization or individual on a lead, with its relationship and whether it is the primary one.</summary>
public sealed record PartyLink(long PartyId, string? Relationship, bool IsPrimary = false);

/// <summary>A contact on a lead, with its role.</summary>
public sealed record ContactLink(long ContactId, string? RoleOnLead, bool IsPrimary = false);

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

/// <summary>The lead's stage after a move, with the version the next move must present.</summary>
public sealed record StageMoved(long LeadId, string Stage, string? Reason, uint Version, DateTime UpdatedAt);
