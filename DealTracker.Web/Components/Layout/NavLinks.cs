using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DealTracker.Web.Components.Layout;

/// <summary>
/// The navigation's links (<see cref="NavMenu"/>): where each goes, when it is the current page, and its icon and label
/// as one piece of markup in MudBlazor's classes, built once for the app.
/// </summary>
public static class NavLinks
{
    public sealed record Item(string Href, bool Exact, MarkupString Content)
    {
        /// <summary>The current page is this link's, or (unless <see cref="Exact"/>) below it.</summary>
        public bool IsActiveAt(string path) =>
            string.Equals(path, Href, StringComparison.OrdinalIgnoreCase)
            || !Exact && path.StartsWith(Href + "/", StringComparison.OrdinalIgnoreCase);
    }

    public static readonly IReadOnlyList<Item> Main =
    [
        Link("/pipeline", Icons.Material.Filled.ViewKanban, "Pipeline"),
        Link("/overview", Icons.Material.Filled.Dashboard, "Overview", exact: true),
        Link("/leads", Icons.Material.Filled.Assignment, "Leads"),
        Link("/deals", Icons.Material.Filled.Handshake, "Deals"),
        Link("/organizations", Icons.Material.Filled.Business, "Organizations"),
        Link("/individuals", Icons.Material.Filled.Person, "Individuals"),
        Link("/contacts", Icons.Material.Filled.ContactPhone, "Contacts"),
    ];

    public static readonly Item Import = Link("/import", Icons.Material.Filled.UploadFile, "Import");

    public static readonly MarkupString AdminTitle = Content(Icons.Material.Filled.AdminPanelSettings, "Admin");

    public static readonly IReadOnlyList<Item> Admin =
    [
        Link("/admin/picklists", Icons.Material.Filled.List, "Picklists"),
        Link("/admin/users", Icons.Material.Filled.ManageAccounts, "Users"),
    ];

    private static Item Link(string href, string icon, string label, bool exact = false) => new(href, exact, Content(icon, label));

    // The icons are MudBlazor's SVG contents, the labels fixed text: nothing here comes from a user.
    private static MarkupString Content(string icon, string label) => new(
        "<svg class=\"mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default\" " +
        $"focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon}</svg><div class=\"mud-nav-link-text\">{label}</div>");
}
