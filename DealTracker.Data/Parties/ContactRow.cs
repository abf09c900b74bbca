namespace DealTracker.Data.Parties;

public sealed record ContactRow(long Id, long IndividualId, string IndividualName, long? OrganizationId,
    string? OrganizationName, string? Title, string? Department, string? Email, string? Phone);
