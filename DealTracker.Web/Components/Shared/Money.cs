using System.Globalization;
using DealTracker.Data.Deals;

namespace DealTracker.Web.Components.Shared;

/// <summary>Money is always shown with its currency, and never summed across currencies.</summary>
public static class Money
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Format(decimal amount, string? currency) =>
        $"{currency ?? Currencies.Default} {amount.ToString("N0", Culture)}";
}
