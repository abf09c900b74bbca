namespace DealTracker.Data.Import;

/// <summary>
/// One data row of an uploaded file. <see cref="RowNumber"/> counts as a spreadsheet does (the header is row 1);
/// <see cref="Problems"/> are what makes the row unreadable as it stands (too many cells, a cell too long).
/// </summary>
public sealed record ImportRow(int RowNumber, IReadOnlyList<string> Cells, IReadOnlyList<ImportProblem> Problems)
{
    public string Cell(int column) => column < Cells.Count ? Cells[column] : "";
}
