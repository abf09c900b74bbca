namespace DealTracker.Data.Parties;

public sealed record ContactDetails(long Id, long IndividualId, string IndividualName, long? OrganizationId,
    string? OrganizationName, string? Title, string? Department, string? Email, string? Phone, bool IsPrimary, uint Version,
    IReadOnlyList<PartyLeadRow> Leads);
