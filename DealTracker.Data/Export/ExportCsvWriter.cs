using System.Globalization;
using CsvHelper;

namespace DealTracker.Data.Export;

/// <summary>
/// Writes an export with CsvHelper straight to a stream (64 KiB buffered, flushed as it fills): UTF-8 with a byte
/// order mark and a header row, so Excel opens it right; ISO dates (times in UTC), <c>.</c> decimals; text cells
/// protected by <see cref="CsvFormulaGuard"/>.
/// </summary>
public sealed class ExportCsvWriter : IAsyncDisposable
{
    public static CsvWriterOptions Options { get; } = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>Separates the several values of one cell (a lead's organizations, their ids).</summary>
    public const string ListSeparator = "; ";

    private readonly CsvWriter _csv;

    public ExportCsvWriter(Stream output, IReadOnlyList<string> columns)
    {
        _csv = CsvWriter.Create(output, Options, leaveOpen: true);
        _csv.WriteHeader([.. columns]);
    }

    public int Rows { get; private set; }

    /// <summary>
    /// Every text cell passes <see cref="CsvFormulaGuard"/> here. (CsvHelper's own injection escape cannot also
    /// protect values that start with the prefix, which the guard needs to stay reversible.)
    /// </summary>
    public void Text(string? value) => _csv.WriteField(value is null ? null : CsvFormulaGuard.Protect(value));

    public void Number(long? value)
    {
        if (value is { } v)
            _csv.WriteField(v, "");
        else
            _csv.WriteField("");
    }

    public void Number(decimal? value)
    {
        if (value is { } v)
            _csv.WriteField(v, "");
        else
            _csv.WriteField("");
    }

    public void Date(DateOnly? value) => _csv.WriteField(value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A time of day, as typed (no time zone): <c>09:30</c>.</summary>
    public void Time(TimeOnly? value) => _csv.WriteField(value?.ToString("HH:mm", CultureInfo.InvariantCulture));

    /// <summary>A point in time, in UTC: <c>2026-12-01T16:38:50Z</c>.</summary>
    public void Moment(DateTime value) =>
        _csv.WriteField(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    public void YesNo(bool value) => _csv.WriteField(value ? "yes" : "no");

    public void Ids(IEnumerable<long> ids) =>
        _csv.WriteField(string.Join(ListSeparator, ids.Select(id => id.ToString(CultureInfo.InvariantCulture))));

    public async Task EndRowAsync(CancellationToken ct)
    {
        await _csv.EndRecordAsync(ct);
        Rows++;
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
