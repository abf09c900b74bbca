using System.Globalization;
using DealTracker.Data.NextSteps;
using DealTracker.Data.Pipeline;
using DealTracker.Web.Components.Shared;
using Microsoft.Extensions.Primitives;

namespace DealTracker.Web.Components.Pages.Pipeline;

/// <summary>
/// The board's filter in the URL (<c>?q=&amp;deal=&amp;org=&amp;ind=&amp;from=&amp;to=&amp;owner=&lt;id&gt;|none&amp;mine=true&amp;next=overdue|week</c>),
/// read and written in this one place by the board and by its CSV export, so both show the same leads.
/// </summary>
public static class PipelineFilterQuery
{
    /// <summary>The "owner" query value for the unassigned leads.</summary>
    public const string NoOwner = "none";

    /// <summary>The "next" query values: leads whose next step is overdue, or due this week.</summary>
    public const string NextOverdue = "overdue";
    public const string NextThisWeek = "week";

    /// <summary>Every value is read as text: a malformed one (<c>?deal=abc</c>) is ignored, never a failure.</summary>
    public static PipelineFilter Parse(string? search, string? dealId, string? organizationId, string? individualId,
        string? closeFrom, string? closeTo, string? owner, string? mine, string? next = null) =>
        new(QueryText.Id(dealId), QueryText.Id(organizationId), QueryText.Id(individualId), ParseDate(closeFrom), ParseDate(closeTo),
            string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            OwnerId: QueryText.Id(owner),
            Mine: QueryText.Flag(mine),
            Unassigned: owner == NoOwner,
            NextStep: next switch
            {
                NextOverdue => NextStepWindow.Overdue,
                NextThisWeek => NextStepWindow.DueThisWeek,
                _ => null,
            });

    public static PipelineFilter Parse(IReadOnlyDictionary<string, StringValues> query)
    {
        string? Text(string name) => query.TryGetValue(name, out var v) ? v.ToString() : null;
        return Parse(Text("q"), Text("deal"), Text("org"), Text("ind"), Text("from"), Text("to"), Text("owner"), Text("mine"), Text("next"));
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
        ["next"] = filter.NextStep switch
        {
            NextStepWindow.Overdue => NextOverdue,
            NextStepWindow.DueThisWeek => NextThisWeek,
            _ => null,
        },
    };

    private static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
