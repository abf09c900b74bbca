namespace DealTracker.Data.Import;

/// <summary>What is wrong with one cell (or, without <see cref="Column"/>, one row) of an uploaded file.</summary>
public sealed record ImportProblem(int RowNumber, string? Column, string Message)
{
    public override string ToString() =>
        Column is null ? $"row {RowNumber}: {Message}" : $"row {RowNumber}, {Column}: {Message}";
}
