namespace DealTracker.Data.Export;

/// <summary>
/// The one rule against CSV (formula) injection. A text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab
/// or a carriage return would run as a formula when a spreadsheet opens the file, so export puts
/// <see cref="Prefix"/> in front of it, as OWASP advises. A value that itself starts with the prefix gets one too, so
/// <see cref="Unprotect"/> (what import applies to every cell) gives back exactly the value that was exported.
/// </summary>
public static class CsvFormulaGuard
{
    public const char Prefix = '\'';

    /// <summary>The first characters that earn a cell the prefix (the last one is <see cref="Prefix"/>).</summary>
    public const string Triggers = "=+-@\t\r'";

    public static bool NeedsPrefix(string value) => value.Length > 0 && Triggers.Contains(value[0]);

    /// <summary>The cell export writes for <paramref name="value"/>.</summary>
    public static string Protect(string value) => NeedsPrefix(value) ? Prefix + value : value;

    /// <summary>The value behind an exported cell: strips the prefix only where <see cref="Protect"/> added it.</summary>
    public static string Unprotect(string cell) =>
        cell.Length > 1 && cell[0] == Prefix && Triggers.Contains(cell[1]) ? cell[1..] : cell;
}
