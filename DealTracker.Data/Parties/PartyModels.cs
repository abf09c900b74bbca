namespace DealTracker.Data.Parties;

public sealed record OrganizationInput(string Name, string? Website = null, string? Phone = null, string? Notes = null);

public sealed record IndividualInput(string GivenName, string FamilyName, string? Email = null, string? Phone = null,
    string? Notes = null);

/// <summary>A contact is always an individual; the organization is optional.</summary>
public sealed record ContactInput(long IndividualId, long? OrganizationId, string? Title = null, string? Department = null,
    string? Email = null, string? Phone = null, bool IsPrimary = false);

/// <summary>A lead a party is on, with the party's relationship or role there.</summary>
/// <summary>A lead a record is on; <see cref="Via"/> says how when it is not a direct link ("as contact at Acme").</summary>
public sealed record PartyLeadRow(long LeadId, string Title, string DealName, string Stage, string? Role, bool IsPrimary, string? Via = null);

public sealed record ContactRow(long Id, long IndividualId, string IndividualName, long? OrganizationId,
    string? OrganizationName, string? Title, string? Department, string? Email, string? Phone);

public sealed record OrganizationRow(long Id, string Name, string? Website, string? Phone, int Contacts, int Leads);

public sealed record IndividualRow(long Id, string Name, string? Email, string? Phone, int Contacts, int Leads);

public sealed record OrganizationDetails(long Id, string Name, string? Website, string? Phone, string? Notes, uint Version,
    IReadOnlyList<ContactRow> Contacts, IReadOnlyList<PartyLeadRow> Leads);

public sealed record IndividualDetails(long Id, string GivenName, string FamilyName, string? Email, string? Phone,
    string? Notes, uint Version, IReadOnlyList<ContactRow> Contacts, IReadOnlyList<PartyLeadRow> Leads)
{
    public string Name => $"{GivenName} {FamilyName}";
}

public sealed record ContactDetails(long Id, long IndividualId, string IndividualName, long? OrganizationId,
    string? OrganizationName, string? Title, string? Department, string? Email, string? Phone, bool IsPrimary, uint Version,
    IReadOnlyList<PartyLeadRow> Leads);
