namespace DealTracker.Data.Parties;

public sealed record OrganizationInput(string Name, string? Website = null, string? Phone = null, string? Notes = null);
