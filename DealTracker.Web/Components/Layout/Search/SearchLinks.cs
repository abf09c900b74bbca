using DealTracker.Data.Search;

namespace DealTracker.Web.Components.Layout.Search;

/// <summary>Where each kind of search result opens, and what its group is called.</summary>
public static class SearchLinks
{
    public static string For(SearchHit hit) => hit.Kind switch
    {
        SearchKind.Lead => $"/leads/{hit.Id}",
        SearchKind.Deal => $"/deals/{hit.Id}",
        SearchKind.Organization => $"/organizations/{hit.Id}",
        SearchKind.Individual => $"/individuals/{hit.Id}",
        _ => $"/contacts/{hit.Id}",
    };

    public static string AllLeads(string term) => $"/leads?q={Uri.EscapeDataString(term)}";

    public static string Plural(SearchKind kind) => kind switch
    {
        SearchKind.Lead => "Leads",
        SearchKind.Deal => "Deals",
        SearchKind.Organization => "Organizations",
        SearchKind.Individual => "Individuals",
        _ => "Contacts",
    };
}
