namespace DealTracker.Data.Parties;

/// <summary>A contact is always an individual; the organization is optional.</summary>
public sealed record ContactInput(long IndividualId, long? OrganizationId, string? Title = null, string? Department = null,
    string? Email = null, string? Phone = null, bool IsPrimary = false);
