using DealTracker.Data.Entities;

namespace DealTracker.Data.Import;

/// <summary>One organization's imported values, checked by the organization rules.</summary>
internal sealed record OrganizationValues(long? Id, string Name, string? Website, string? Phone, string? Notes)
{
    public void CopyTo(Organization org)
    {
        org.Name = Name;
        org.Website = Website;
        org.Phone = Phone;
        org.Notes = Notes;
    }
}
