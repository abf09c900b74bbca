using DealTracker.Data.Leads;
using DealTracker.Data.Ownership;
using DealTracker.Data.Pipeline;

namespace DealTracker.Data.Export;

/// <summary>
/// Exports what a list or the board shows, for the same filter and sort, all pages, as CSV written to a stream while
/// it is read. Each method returns the number of rows written. Scoped: the readers see only what the acting user may.
/// </summary>
public sealed class ExportService(LeadExportReader leads, DealExportReader deals, PartyExportReader parties)
{
    public Task<int> WriteLeadsAsync(LeadListQuery query, Stream output, CancellationToken ct = default) =>
        WriteAsync(leads.ReadAsync(query, ct), output, ct);

    public Task<int> WritePipelineAsync(PipelineFilter filter, Stream output, CancellationToken ct = default) =>
        WriteAsync(leads.ReadAsync(filter, ct), output, ct);

    public Task<int> WriteDealsAsync(string? search, OwnerFilter owner, long? ownerUserId, Stream output, CancellationToken ct = default) =>
        WriteAsync(deals.ReadAsync(search, owner, ownerUserId, ct), output, ct);

    public Task<int> WriteOrganizationsAsync(string? search, Stream output, CancellationToken ct = default) =>
        WriteAsync(parties.ReadOrganizationsAsync(search, ct), output, ct);

    public Task<int> WriteIndividualsAsync(string? search, Stream output, CancellationToken ct = default) =>
        WriteAsync(parties.ReadIndividualsAsync(search, ct), output, ct);

    public Task<int> WriteContactsAsync(string? search, Stream output, CancellationToken ct = default) =>
        WriteAsync(parties.ReadContactsAsync(search, ct), output, ct);

    /// <summary>The download's name: the list and the day, e.g. <c>leads-2026-12-01.csv</c>.</summary>
    public static string FileName(string list, DateOnly day) => $"{list}-{day:yyyy-MM-dd}.csv";

    public const string ContentType = "text/csv; charset=utf-8";

    private static async Task<int> WriteAsync<TRow>(IAsyncEnumerable<TRow> rows, Stream output, CancellationToken ct)
        where TRow : ICsvRow
    {
        await using var csv = new ExportCsvWriter(output, TRow.Columns);
        await foreach (var row in rows.WithCancellation(ct))
        {
            row.WriteTo(csv);
            await csv.EndRowAsync(ct);
        }
        return csv.Rows;
    }
}
