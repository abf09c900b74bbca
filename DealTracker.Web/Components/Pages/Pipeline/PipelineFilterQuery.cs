using System.Globalization;
using DealTracker.Data.Pipeline;
using Microsoft.Extensions.Primitives;

namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// The board's filter in the URL (<c>?q=&amp;deal=&amp;org=&amp;ind=&amp;from=&amp;to=&amp;owner=&lt;id&gt;|none&amp;mine=true</c>),
/// read and written in this one place by the board and by its CSV export, so both show the same leads.
/// </summary>
public static class PipelineFilterQuery
{
    /// <summary>The "owner" query value for the unassigned leads.</summary>
    public const string NoOwner = "none";

    public static PipelineFilter Parse(string? search, long? dealId, long? organizationId, long? individualId,
        string? closeFrom, string? closeTo, string? owner, bool? mine) =>
        new(dealId, organizationId, individualId, ParseDate(closeFrom), ParseDate(closeTo),
            string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            OwnerId: long.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var ownerId) ? ownerId : null,
            Mine: mine == true,
            Unassigned: owner == NoOwner);

    public static PipelineFilter Parse(IReadOnlyDictionary<string, StringValues> query)
    {
        string? Text(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        long? Id(string name) => long.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        return Parse(Text("q"), Id("deal"), Id("org"), Id("ind"), Text("from"), Text("to"), Text("owner"),
            bool.TryParse(Text("mine"), out var mine) && mine);
    }

    /// <summary>The query parameters for <paramref name="filter"/>; null removes a parameter.</summary>
    public static IReadOnlyDictionary<string, object?> ToParameters(PipelineFilter filter) => new Dictionary<string, object?>
    {
        ["q"] = filter.Search,
        ["deal"] = filter.DealId,
        ["org"] = filter.OrganizationId,
        ["ind"] = filter.IndividualId,
        ["from"] = filter.CloseFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = filter.CloseTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["owner"] = filter.Unassigned ? NoOwner : filter.OwnerId?.ToString(CultureInfo.InvariantCulture),
        ["mine"] = filter.Mine ? "true" : null,
    };

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
