using DealTracker.Data.Parties;

namespace DealTracker.Web.Components.Pages.Individuals;

public sealed class IndividualForm
{
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Notes { get; set; }

    public static IndividualForm From(IndividualDetails i) =>
        new() { GivenName = i.GivenName, FamilyName = i.FamilyName, Email = i.Email, Phone = i.Phone, Notes = i.Notes };

    public IndividualInput ToInput() => new(GivenName, FamilyName, Email, Phone, Notes);

    public string Snapshot() => $"{GivenName}\u0001{FamilyName}\u0001{Email}\u0001{Phone}\u0001{Notes}";

    public static readonly string[] Fields = ["Given name", "Family name", "Email", "Phone", "Notes"];
}
