namespace DealTracker.Web.Components.Shared;

/// <summary>
/// The heading and tab title of a record's page: "New lead" for a new one, its name once loaded, "Lead not found" when
/// the id names nothing the user may see (never "New lead" for someone else's record), "Lead" while loading.
/// </summary>
public static class RecordHeading
{
    public static string For(string kind, long? id, string? name, bool missing) =>
        id is null ? $"New {kind.ToLowerInvariant()}"
        : missing ? $"{kind} not found"
        : name ?? kind;

    public static string TabTitle(string kind, long? id, string? name, bool missing) => $"{For(kind, id, name, missing)} · DealTracker";
}
