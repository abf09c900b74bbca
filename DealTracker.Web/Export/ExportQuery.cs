using System.Globalization;
using DealTracker.Data.Leads;
using DealTracker.Data.Ownership;
using DealTracker.Data.Pipeline;
using DealTracker.Web.Components.Pages.Pipeline;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace DealTracker.Web.Export;

/// <summary>
/// The export links of the lists and the board, and the filters the export endpoints read back from them: each list's
/// own filter and sort objects, written to and read from the query string in this one place.
/// (<c>?q=&amp;stage=&amp;deal=&amp;sort=&amp;desc=&amp;owner=mine|none|&lt;id&gt;</c>; the board uses its own URL's.)
/// </summary>
public static class ExportQuery
{
    public const string Root = "/export";

    public static string Leads(LeadListQuery query) => Link("leads",
        ("q", query.Search), ("stage", query.Stage), ("deal", Number(query.DealId)), ("sort", query.Sort.ToString()),
        ("desc", query.Descending ? "true" : "false"), ("owner", Owner(query.Owner, query.OwnerUserId)));

    public static LeadListQuery Leads(IReadOnlyDictionary<string, StringValues> query) => new(
        Search: Text(query, "q"), Stage: Text(query, "stage"),
        Sort: Enum.TryParse<LeadSort>(Text(query, "sort"), ignoreCase: true, out var sort) && Enum.IsDefined(sort) ? sort : LeadSort.UpdatedAt,
        Descending: Text(query, "desc") != "false",
        DealId: Id(query, "deal"), Owner: OwnerFilterOf(query), OwnerUserId: OwnerUserIdOf(query));

    public static string Deals(string? search, OwnerFilter owner, long? ownerUserId) =>
        Link("deals", ("q", search), ("owner", Owner(owner, ownerUserId)));

    public static (string? Search, OwnerFilter Owner, long? OwnerUserId) Deals(IReadOnlyDictionary<string, StringValues> query) =>
        (Text(query, "q"), OwnerFilterOf(query), OwnerUserIdOf(query));

    /// <summary>Organizations, individuals and contacts: their lists have a search only.</summary>
    public static string Parties(string list, string? search) => Link(list, ("q", search));

    public static string? Search(IReadOnlyDictionary<string, StringValues> query) => Text(query, "q");

    public static string Pipeline(PipelineFilter filter) =>
        QueryHelpers.AddQueryString($"{Root}/pipeline", PipelineFilterQuery.ToParameters(filter)
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string?>(p.Key, Convert.ToString(p.Value, CultureInfo.InvariantCulture))));

    private static string Link(string list, params (string Name, string? Value)[] parameters) =>
        QueryHelpers.AddQueryString($"{Root}/{list}", parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));

    private static string? Owner(OwnerFilter filter, long? userId) => filter switch
    {
        OwnerFilter.Mine => "mine",
        OwnerFilter.Unassigned => "none",
        OwnerFilter.User => Number(userId),
        _ => null,
    };

    private static OwnerFilter OwnerFilterOf(IReadOnlyDictionary<string, StringValues> query) => Text(query, "owner") switch
    {
        "mine" => OwnerFilter.Mine,
        "none" => OwnerFilter.Unassigned,
        _ when OwnerUserIdOf(query) is not null => OwnerFilter.User,
        _ => OwnerFilter.Anyone,
    };

    private static long? OwnerUserIdOf(IReadOnlyDictionary<string, StringValues> query) => Id(query, "owner");

    private static string? Text(IReadOnlyDictionary<string, StringValues> query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString() : null;

    private static long? Id(IReadOnlyDictionary<string, StringValues> query, string name) =>
        long.TryParse(Text(query, name), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);
}
