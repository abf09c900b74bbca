namespace DealTracker.Data.Infrastructure;

public static class SearchPattern
{
    /// <summary>A case-insensitive "contains" pattern for ILIKE, with the user's % and _ taken literally.</summary>
    public static string? Contains(string? term) =>
        Text.Clean(term, "Search") is { } clean
            ? "%" + clean.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%"
            : null;
}
