namespace DealTracker.Data.Import;

/// <summary>
/// Which field each column of a file fills (null: the column is not imported). <see cref="Suggest"/> maps columns by
/// name, ignoring case, spaces and underscores, so an export's own header maps itself; the user can correct it.
/// </summary>
public sealed record ImportMapping(IReadOnlyList<string?> FieldOfColumn)
{
    public static ImportMapping Suggest(IReadOnlyList<string> headers, IReadOnlyList<string> fields) =>
        new(headers.Select(h => fields.FirstOrDefault(f => Key(f) == Key(h))).ToList());

    public int ColumnOf(string field)
    {
        for (var i = 0; i < FieldOfColumn.Count; i++)
            if (FieldOfColumn[i] == field)
                return i;
        return -1;
    }

    public IReadOnlyList<string> IgnoredColumns(IReadOnlyList<string> headers) =>
        headers.Where((_, i) => i >= FieldOfColumn.Count || FieldOfColumn[i] is null).ToList();

    private static string Key(string name) =>
        new(name.Where(c => !char.IsWhiteSpace(c) && c != '_').Select(char.ToLowerInvariant).ToArray());
}
