namespace DealTracker.Data.Leads;

/// <summary>An organization or individual on a lead as the editor shows it.</summary>
public sealed record LeadPartyRow(long PartyId, string Name, string? Detail, string? Relationship, bool IsPrimary);
