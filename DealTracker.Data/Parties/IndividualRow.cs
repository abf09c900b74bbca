namespace DealTracker.Data.Parties;

public sealed record IndividualRow(long Id, string Name, string? Email, string? Phone, int Contacts, int Leads);
