using System.Globalization;

namespace DealTracker.Data.Infrastructure;

/// <summary>Counts in sentences: "1 lead", "3 leads", never "lead(s)".</summary>
public static class Plural
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The count and the noun that agrees with it; <paramref name="plural"/> defaults to the singular plus "s".</summary>
    public static string Count(long count, string singular, string? plural = null) =>
        $"{count.ToString("N0", Culture)} {(count == 1 ? singular : plural ?? singular + "s")}";

    /// <summary>"is" or "are", to agree with the count.</summary>
    public static string Is(long count) => count == 1 ? "is" : "are";
}
