using System.Globalization;
using DealTracker.Data.Deals;

namespace DealTracker.Web.Components.Shared;

/// <summary>Money is always shown with its currency, and never summed across currencies.</summary>
public static class Money
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");
    private static readonly (decimal Size, string Suffix)[] Units = [(1_000m, "k"), (1_000_000m, "M"), (1_000_000_000m, "B"), (1_000_000_000_000m, "T")];

    public static string Format(decimal amount, string? currency) =>
        $"{currency ?? Currencies.Default} {amount.ToString("N0", Culture)}";

    /// <summary>"USD 3.6M": for a chart's axis and labels, where the exact figure is one click or a table away.</summary>
    public static string FormatCompact(decimal amount, string? currency) => $"{currency ?? Currencies.Default} {Compact(amount)}";

    /// <summary>
    /// An amount in at most one decimal of its unit: 950, 12.5k, 327.7k, 3.6M, 1.2B. An amount that rounds up to the
    /// next unit takes it (999,950 is "1M", not "1000k"); under 1,000 it is rounded to a whole number.
    /// </summary>
    public static string Compact(decimal amount)
    {
        var size = Math.Abs(amount);
        var whole = Math.Round(size, 0, MidpointRounding.AwayFromZero);
        if (whole < 1000m)
            return Signed(amount, whole.ToString("0", Culture));
        for (var i = 0; ; i++)
        {
            var (unit, suffix) = Units[i];
            var scaled = Math.Round(size / unit, 1, MidpointRounding.AwayFromZero);
            if (scaled < 1000m || i == Units.Length - 1)
                return Signed(amount, scaled.ToString("#,0.#", Culture) + suffix);
        }
    }

    private static string Signed(decimal amount, string text) => amount < 0 && text != "0" ? "-" + text : text;
}
