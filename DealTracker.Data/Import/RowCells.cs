using System.Globalization;
using DealTracker.Data.Export;
using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Import;

/// <summary>
/// The cells of one row by field, each checked by the rule that holds it everywhere else (the services'
/// <see cref="Input"/> checks): a refusal becomes a problem of that row and column instead of an exception. Every cell
/// loses export's formula-protection prefix first (<see cref="CsvFormulaGuard.Unprotect"/>), so export round-trips.
/// </summary>
internal sealed class RowCells(ImportRow row, ImportMapping mapping, List<ImportProblem> problems)
{
    public int RowNumber => row.RowNumber;

    public bool HasProblems => problems.Count > 0;

    public bool IsMapped(string field) => mapping.ColumnOf(field) >= 0;

    public string? Raw(string field) =>
        mapping.ColumnOf(field) is var column and >= 0 ? CsvFormulaGuard.Unprotect(row.Cell(column)) : null;

    public void Problem(string? field, string message) => problems.Add(new ImportProblem(row.RowNumber, field, message));

    public T? Check<T>(string field, Func<string?, T> rule)
    {
        try
        {
            return rule(Raw(field));
        }
        catch (RuleViolationException refusal)
        {
            Problem(field, refusal.Message);
            return default;
        }
    }

    /// <summary>Runs a service's rule over several fields; its refusal lands in the column <paramref name="columnOf"/> names.</summary>
    public bool Check(Action rule, Func<string?, string?> columnOf)
    {
        try
        {
            rule();
            return true;
        }
        catch (RuleViolationException refusal)
        {
            Problem(columnOf(refusal.Field), refusal.Message);
            return false;
        }
    }

    public long? Id(string field = "Id")
    {
        var raw = Text.Clean(Raw(field));
        if (raw is null)
            return null;
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            return id;
        Problem(field, $"\"{raw}\" is not a record number (leave {field} empty to create a record)");
        return null;
    }

    public decimal? Amount(string field)
    {
        var raw = Text.Clean(Raw(field));
        if (raw is null)
            return null;
        if (ImportValues.ParseAmount(raw) is { } amount)
            return amount;
        Problem(field, $"\"{raw}\" is not an amount (write 1234.50, 1,234.50 or 1.234,50)");
        return null;
    }

    public decimal? Percent(string field)
    {
        var raw = Text.Clean(Raw(field));
        if (raw is null)
            return null;
        if (ImportValues.ParseAmount(raw.TrimEnd('%').TrimEnd()) is { } percent)
            return percent;
        Problem(field, $"\"{raw}\" is not a percentage (write 40 or 40%)");
        return null;
    }

    public DateOnly? Date(string field, string? text = null)
    {
        var raw = Text.Clean(text ?? Raw(field));
        if (raw is null)
            return null;
        if (ImportValues.ParseDate(raw) is { } date)
            return date;
        Problem(field, $"\"{raw}\" is not a date (write {ImportValues.DateFormatsText})");
        return null;
    }

    public bool Flag(string field)
    {
        var raw = Text.Clean(Raw(field));
        if (raw is null)
            return false;
        if (ImportValues.ParseFlag(raw) is { } flag)
            return flag;
        Problem(field, $"\"{raw}\" is neither yes nor no");
        return false;
    }
}
