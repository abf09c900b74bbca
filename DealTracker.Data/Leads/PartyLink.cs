namespace DealTracker.Data.Leads;

/// <summary>An organization or individual on a lead, with its relationship and whether it is the primary one.</summary>
public sealed record PartyLink(long PartyId, string? Relationship, bool IsPrimary = false);
