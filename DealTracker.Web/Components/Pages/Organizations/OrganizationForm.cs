using DealTracker.Data.Parties;

namespace DealTracker.Web.Components.Pages.Organizations;

/// <summary>What the organization form holds while the user types.</summary>
public sealed class OrganizationForm
{
    public string Name { get; set; } = "";
    public string? Website { get; set; }
    public string? Phone { get; set; }
    public string? Notes { get; set; }

    public static OrganizationForm From(OrganizationDetails o) =>
        new() { Name = o.Name, Website = o.Website, Phone = o.Phone, Notes = o.Notes };

    public OrganizationInput ToInput() => new(Name, Website, Phone, Notes);

    public string Snapshot() => $"{Name}\u0001{Website}\u0001{Phone}\u0001{Notes}";

    public static readonly string[] Fields = ["Name", "Website", "Phone", "Notes"];
}
