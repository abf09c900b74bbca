using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Import;

/// <summary>
/// The cells of one row by field, each checked by the rule that holds it everywhere else (the services'
/// <see cref="Input"/> checks): a refusal becomes a problem of that row and column instead of an exception.
/// </summary>
internal sealed class RowCells(ImportRow row, ImportMapping mapping, List<ImportProblem> problems)
{
    public string? Raw(string field) => mapping.ColumnOf(field) is var column and >= 0 ? row.Cell(column) : null;

    public T? Check<T>(string field, Func<string?, T> rule)
    {
        try
        {
            return rule(Raw(field));
        }
        catch (RuleViolationException refusal)
        {
            problems.Add(new ImportProblem(row.RowNumber, field, refusal.Message));
            return default;
        }
    }

    public long? Id()
    {
        var raw = Text.Clean(Raw("Id"));
        if (raw is null)
            return null;
        if (long.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
            return id;
        problems.Add(new ImportProblem(row.RowNumber, "Id", $"\"{raw}\" is not a record number (leave Id empty to create a record)"));
        return null;
    }
}
