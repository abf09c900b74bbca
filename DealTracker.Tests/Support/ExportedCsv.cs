using CsvHelper;

namespace DealTracker.Tests.Support;

/// <summary>An exported file read back: its raw bytes, header and rows (cells by column name).</summary>
public sealed class ExportedCsv
{
    public required byte[] Bytes { get; init; }
    public required IReadOnlyList<string> Header { get; init; }
    public required IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; init; }

    public IEnumerable<string> Column(string name) => Rows.Select(r => r[name]);

    public static ExportedCsv Read(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, null);
        var rows = new List<IReadOnlyDictionary<string, string>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string>();
            for (var i = 0; i < reader.FieldCount; i++)
                row[reader.Headers[i]] = reader.GetString(i);
            rows.Add(row);
        }
        return new ExportedCsv { Bytes = bytes, Header = [.. reader.Headers], Rows = rows };
    }

    public static async Task<ExportedCsv> WriteAsync(Func<Stream, Task<int>> export)
    {
        using var output = new MemoryStream();
        var written = await export(output);
        var csv = Read(output.ToArray());
        Xunit.Assert.Equal(written, csv.Rows.Count);
        return csv;
    }
}
