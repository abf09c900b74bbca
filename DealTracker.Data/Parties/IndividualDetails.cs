namespace DealTracker.Data.Parties;

public sealed record IndividualDetails(long Id, string GivenName, string FamilyName, string? Email, string? Phone,
    string? Notes, uint Version, IReadOnlyList<ContactRow> Contacts, IReadOnlyList<PartyLeadRow> Leads)
{
    public string Name => $"{GivenName} {FamilyName}";
}
