using System.Globalization;

namespace DealTracker.Web.Components.Shared;

/// <summary>
/// Reads values a user can edit in the address bar. Query parameters are taken as text and parsed here: a hand-edited
/// "?deal=abc" or "?mine=banana" is ignored (the page shows its unfiltered state), never an error page.
/// </summary>
public static class QueryText
{
    /// <summary>A record id (a positive whole number), else null.</summary>
    public static long? Id(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    /// <summary>True only for "true" (any case); anything else is false.</summary>
    public static bool Flag(string? text) => bool.TryParse(text, out var flag) && flag;
}
