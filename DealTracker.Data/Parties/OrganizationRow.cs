namespace DealTracker.Data.Parties;

public sealed record OrganizationRow(long Id, string Name, string? Website, string? Phone, int Contacts, int Leads);
