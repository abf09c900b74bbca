using System.Text;

namespace DealTracker.Data.Import;

/// <summary>The skipped rows as they were uploaded, with a first column "Row" and a last column "Reason".</summary>
public static class SkippedRowsCsv
{
    public static string Write(ImportFile file, IEnumerable<ImportPreviewRow> skipped)
    {
        var csv = new StringBuilder();
        Line(csv, ["Row", .. file.Headers, "Reason"]);
        var rows = file.Rows.ToDictionary(r => r.RowNumber);
        foreach (var row in skipped)
            Line(csv, [row.RowNumber.ToString(), .. rows[row.RowNumber].Cells.Take(file.Headers.Count),
                string.Join("; ", row.Problems.Select(p => p.Column is null ? p.Message : $"{p.Column}: {p.Message}"))]);
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IEnumerable<string> cells)
    {
        csv.AppendJoin(',', cells.Select(Quote));
        csv.Append("\r\n");
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
