namespace DealTracker.Data.Export;

/// <summary>A row of an export: its file's column names, and how it writes its cells in that order.</summary>
public interface ICsvRow
{
    static abstract IReadOnlyList<string> Columns { get; }

    void WriteTo(ExportCsvWriter csv);
}
