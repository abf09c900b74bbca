namespace DealTracker.Data.Import;

/// <summary>Every row of a file checked before anything is written: what each would do, and what is wrong where.</summary>
public sealed record ImportPreview(IReadOnlyList<ImportPreviewRow> Rows, IReadOnlyList<string> IgnoredColumns)
{
    public int Created => Count(ImportAction.Create);
    public int Matched => Count(ImportAction.Match);
    public int Updated => Count(ImportAction.Update);
    public int Skipped => Count(ImportAction.Skip);
    public IEnumerable<ImportProblem> Problems => Rows.SelectMany(r => r.Problems);

    private int Count(ImportAction action) => Rows.Count(r => r.Action == action);
}
