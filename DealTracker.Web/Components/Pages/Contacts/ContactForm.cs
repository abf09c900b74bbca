using DealTracker.Data.Infrastructure;
using DealTracker.Data.Parties;

namespace DealTracker.Web.Components.Pages.Contacts;

public sealed class ContactForm
{
    public Choice? Individual { get; set; }
    public Choice? Organization { get; set; }
    public string? Title { get; set; }
    public string? Department { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public bool IsPrimary { get; set; }

    public static ContactForm From(ContactDetails c) => new()
    {
        Individual = new Choice(c.IndividualId, c.IndividualName),
        Organization = c.OrganizationId is { } org ? new Choice(org, c.OrganizationName ?? "") : null,
        Title = c.Title, Department = c.Department, Email = c.Email, Phone = c.Phone, IsPrimary = c.IsPrimary,
    };

    /// <summary>Null when no individual is chosen yet: the form says so next to the field.</summary>
    public ContactInput? ToInput() => Individual is null ? null
        : new(Individual.Id, Organization?.Id, Title, Department, Email, Phone, IsPrimary);

    public string Snapshot() => $"{Individual?.Id}\u0001{Organization?.Id}\u0001{Title}\u0001{Department}\u0001{Email}\u0001{Phone}\u0001{IsPrimary}";

    public static readonly string[] Fields = ["Individual", "Organization", "Title", "Department", "Email", "Phone"];
}
