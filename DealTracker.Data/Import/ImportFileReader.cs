using System.Text;
using CsvHelper;

namespace DealTracker.Data.Import;

/// <summary>
/// Reads an uploaded file as CSV: UTF-8 with or without a byte order mark, UTF-16 with one, or else Windows-1252 (what
/// Excel writes on Western Windows); the separator (comma, semicolon or tab) is detected. A file that is not CSV at all
/// is rejected with a sentence that says why; a row that cannot be read as it stands carries its problems, so the
/// preview can list them and the user can skip the row.
/// </summary>
public static class ImportFileReader
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static async Task<ImportFile> ReadAsync(Stream upload, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > ImportLimits.MaxFileBytes)
                throw new ImportFileRejectedException(
                    $"The file is larger than {ImportLimits.MaxFileSizeText}, the most one import takes. Split it and import the parts.");
            buffer.Write(chunk, 0, read);
        }
        return Read(buffer.ToArray());
    }

    public static ImportFile Read(byte[] bytes)
    {
        if (bytes.Length > ImportLimits.MaxFileBytes)
            throw new ImportFileRejectedException(
                $"The file is larger than {ImportLimits.MaxFileSizeText}, the most one import takes. Split it and import the parts.");
        if (bytes.AsSpan().StartsWith(PngSignature))
            throw new ImportFileRejectedException(
                "This file is a PNG image, not a CSV file. Save your spreadsheet as CSV and upload that.");

        var (text, encodingName) = Decode(bytes);
        if (string.IsNullOrWhiteSpace(text))
            throw new ImportFileRejectedException("The file is empty: it has no header row and no rows to import.");
        var nul = text.IndexOf('\0');
        if (nul >= 0)
            throw new ImportFileRejectedException(
                $"The file contains NUL bytes (the first on line {LineOf(text, nul)}), so it is not a CSV text file. " +
                "Save it as CSV (UTF-8) and upload it again.");
        return Parse(text, encodingName);
    }

    private static (string Text, string EncodingName) Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            return (Encoding.UTF8.GetString(span[3..]), "UTF-8 with BOM");
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return (Encoding.Unicode.GetString(span[2..]), "UTF-16");
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return (Encoding.BigEndianUnicode.GetString(span[2..]), "UTF-16");
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            // Not UTF-8: every byte is a character in Windows-1252, the encoding of Excel's "CSV" on Western Windows.
            var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
            return (windows1252.GetString(bytes), "Windows-1252");
        }
    }

    private static ImportFile Parse(string text, string encodingName)
    {
        CsvMalformedRecord? unclosedQuote = null;
        var options = CsvReaderOptions.Default with
        {
            TrimWhitespace = false,
            OnMalformedRecord = malformed =>
            {
                if (malformed.Reason == CsvMalformedReason.UnterminatedQuote)
                    unclosedQuote ??= malformed;
            },
        };
        using var reader = CsvReader.FromText(text, options);
        var headers = reader.Headers.Select(h => h.Trim()).ToList();
        CheckHeader(headers);

        var rows = new List<ImportRow>();
        while (reader.Read())
            rows.Add(ReadRow(reader, headers));

        if (unclosedQuote is not null)
            throw new ImportFileRejectedException(
                $"A quote in row {unclosedQuote.Value.RecordNumber} is never closed, so the rest of the file would be read as one cell. " +
                "Close the quote (a quote inside a cell is written twice: \"\") and upload the file again.");
        if (rows.Count == 0)
            throw new ImportFileRejectedException("The file has a header row but no rows to import.");
        return new ImportFile(headers, rows, reader.Separator, encodingName);
    }

    private static void CheckHeader(List<string> headers)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (headers[i].Length == 0)
                throw new ImportFileRejectedException(
                    $"Column {i + 1} of the header row has no name. Give every column a name (or delete the empty column) and upload again.");
            var first = headers.FindIndex(h => string.Equals(h, headers[i], StringComparison.OrdinalIgnoreCase));
            if (first < i)
                throw new ImportFileRejectedException(
                    $"The header row names \"{headers[i]}\" twice (columns {first + 1} and {i + 1}). Rename or delete one and upload again.");
        }
    }

    private static ImportRow ReadRow(CsvReader reader, List<string> headers)
    {
        var rowNumber = checked((int)reader.RowNumber) + 1; // the header is row 1, as in a spreadsheet
        var cells = new string[reader.FieldCount];
        var problems = new List<ImportProblem>();
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = reader.GetString(i);
            if (cell.Length > ImportLimits.MaxCellCharacters)
            {
                problems.Add(new ImportProblem(rowNumber, i < headers.Count ? headers[i] : $"column {i + 1}",
                    $"{cell.Length:N0} characters; a cell holds at most {ImportLimits.MaxCellCharacters:N0}"));
                cell = ""; // the row cannot be imported as it is: do not keep megabytes for it
            }
            cells[i] = cell;
        }
        if (cells.Length > headers.Count && cells.Skip(headers.Count).Any(c => c.Length > 0))
            problems.Add(new ImportProblem(rowNumber, null,
                $"{cells.Length} cells, but the header row names {headers.Count} columns (a separator too many, or a missing quote?)"));
        return new ImportRow(rowNumber, cells, problems);
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
