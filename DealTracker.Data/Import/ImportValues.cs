using System.Globalization;

namespace DealTracker.Data.Import;

/// <summary>
/// How an import reads numbers, dates and yes/no cells written by people and by spreadsheets in several locales, as
/// well as by export (ISO dates, <c>.</c> decimals, yes/no).
/// </summary>
public static class ImportValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d.M.yyyy", "M/d/yyyy"];

    public const string DateFormatsText = "2026-12-31, 31.12.2026 or 12/31/2026";

    /// <summary>
    /// <c>1234.5</c>, <c>1,234.50</c>, <c>1.234,50</c>, <c>1 234,50</c>, <c>1234,5</c>: where both separators appear the
    /// last one is the decimal point; a lone comma followed by exactly three digits, or a separator that repeats,
    /// groups thousands.
    /// </summary>
    public static decimal? ParseAmount(string text)
    {
        var s = new string(text.Where(c => c is not (' ' or '\u00A0' or '\u202F')).ToArray());
        if (s.Length == 0 || s.Count(c => c == '-') > (s.StartsWith('-') ? 1 : 0))
            return null;
        var lastDot = s.LastIndexOf('.');
        var lastComma = s.LastIndexOf(',');
        char? decimalPoint;
        if (lastDot >= 0 && lastComma >= 0)
            decimalPoint = lastDot > lastComma ? '.' : ',';
        else if (lastDot >= 0)
            decimalPoint = s.Count(c => c == '.') > 1 ? null : '.';
        else if (lastComma >= 0)
            decimalPoint = s.Count(c => c == ',') > 1 || s.Length - lastComma - 1 == 3 ? null : ',';
        else
            decimalPoint = null;
        var grouping = decimalPoint == '.' ? ',' : decimalPoint == ',' ? '.' : lastDot >= 0 ? '.' : ',';
        if (!GroupsAreWellFormed(s, grouping, decimalPoint))
            return null;
        var plain = s.Replace(grouping.ToString(), "");
        if (decimalPoint == ',')
            plain = plain.Replace(',', '.');
        return decimal.TryParse(plain, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
            out var value) ? value : null;
    }

    /// <summary>Thousands groups have three digits each, so "1.2.3" or "12,34,5" is refused rather than guessed.</summary>
    private static bool GroupsAreWellFormed(string s, char grouping, char? decimalPoint)
    {
        var whole = decimalPoint is { } point && s.LastIndexOf(point) is var at and >= 0 ? s[..at] : s;
        var groups = whole.TrimStart('-').Split(grouping);
        return groups.Length == 1 || groups.Skip(1).All(g => g.Length == 3) && groups[0].Length is >= 1 and <= 3;
    }

    /// <summary>ISO (<c>2026-12-31</c>, what export writes), German (<c>31.12.2026</c>) or US (<c>12/31/2026</c>).</summary>
    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static bool? ParseFlag(string text) => text.ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "1" or "x" => true,
        "no" or "n" or "false" or "0" => false,
        _ => null,
    };
}
