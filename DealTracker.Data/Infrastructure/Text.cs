namespace DealTracker.Data.Infrastructure;

public static class Text
{
    /// <summary>Trims input; blank becomes null, so "  " is never stored as a value.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
