namespace DealTracker.Data.Parties;

public sealed record OrganizationDetails(long Id, string Name, string? Website, string? Phone, string? Notes, uint Version,
    IReadOnlyList<ContactRow> Contacts, IReadOnlyList<PartyLeadRow> Leads);
