namespace DealTracker.Data.Parties;

public sealed record IndividualInput(string GivenName, string FamilyName, string? Email = null, string? Phone = null,
    string? Notes = null);
