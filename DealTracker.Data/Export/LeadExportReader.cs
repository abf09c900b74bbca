using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.Pipeline;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealTracker.Data.Export;

/// <summary>
/// Reads the leads of /leads (for its <see cref="LeadListQuery"/>, all pages, its sort) or of the board (for its
/// <see cref="PipelineFilter"/>, in column order) as export rows. The ordered ids come from the very query the page
/// runs (so visibility, filters and sort have one definition), opened as a cursor; each <see cref="BatchSize"/> ids
/// fetched from it are read with their deal, stage, owner and links in one plain statement (<see cref="RowsSql"/>),
/// both in one read-only snapshot on one connection, so a lead changed between the two reads cannot slip in or out.
/// </summary>
public sealed class LeadExportReader(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor, LeadQueries list,
    Infrastructure.AppClock clock)
{
    /// <summary>Ids per batch: memory stays the size of one batch of rows, round trips stay few.</summary>
    public const int BatchSize = 2000;

    public async IAsyncEnumerable<LeadExportRow> ReadAsync(LeadListQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await BeginSnapshotAsync(db, ct);
        await using var ids = list.OrderedIds(db, query).CreateDbCommand();
        await foreach (var row in ReadInBatchesAsync(db, transaction, ids.CommandText, ids.Parameters.Cast<DbParameter>(), ct))
            yield return row;
    }

    public async IAsyncEnumerable<LeadExportRow> ReadAsync(PipelineFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await BeginSnapshotAsync(db, ct);
        var board = new PipelineQuery(filter, actor, clock);
        var sql = board.OrderedLeadIds();
        await foreach (var row in ReadInBatchesAsync(db, transaction, sql, board.Parameters, ct))
            yield return row;
    }

    private static async Task<NpgsqlTransaction> BeginSnapshotAsync(DealTrackerDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction);
        await readOnly.ExecuteNonQueryAsync(ct);
        return transaction;
    }

    private static async IAsyncEnumerable<LeadExportRow> ReadInBatchesAsync(DealTrackerDbContext db, NpgsqlTransaction transaction,
        string orderedIdsSql, IEnumerable<DbParameter> parameters, [EnumeratorCancellation] CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var declare = new NpgsqlCommand($"DECLARE export_lead_ids NO SCROLL CURSOR FOR {orderedIdsSql}", connection, transaction))
        {
            foreach (var parameter in parameters)
                declare.Parameters.Add(((NpgsqlParameter)parameter).Clone());
            await declare.ExecuteNonQueryAsync(ct);
        }
        await using var fetch = new NpgsqlCommand($"FETCH {BatchSize} FROM export_lead_ids", connection, transaction);
        await using var rows = new NpgsqlCommand(RowsSql, connection, transaction);
        var ids = new NpgsqlParameter<long[]>("ids", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint);
        rows.Parameters.Add(ids);
        var batch = new List<long>(BatchSize);
        while (true)
        {
            batch.Clear();
            await using (var reader = await fetch.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    batch.Add(reader.GetInt64(0));
            if (batch.Count == 0)
                yield break;
            ids.TypedValue = [.. batch];
            await using var batchRows = await rows.ExecuteReaderAsync(ct);
            while (await batchRows.ReadAsync(ct))
                yield return Row(batchRows);
        }
    }

    /// <summary>
    /// One batch of leads in the cursor's order, each with its links as parallel arrays (id, name, relationship or role,
    /// primary), ordered and described by <see cref="LeadExportLink"/>. Each link table is read by its lead_id index.
    /// </summary>
    private const string RowsSql = """
        SELECT l.id, l.title, l.description, l.source, l.deal_id, d.name, d.value_amount, d.value_currency, d.probability,
               d.close_date, s.stage, s.reason, u.email, l.next_step, l.next_step_due_on, l.next_step_due_time,
               o.ids, o.names, o.details, o.primaries,
               i.ids, i.names, i.details, i.primaries,
               c.ids, c.names, c.details, c.primaries,
               l.created_at, l.updated_at
        FROM unnest(@ids) WITH ORDINALITY AS b(id, position)
        JOIN leads l ON l.id = b.id
        JOIN deals d ON d.id = l.deal_id
        LEFT JOIN lead_status s ON s.lead_id = l.id
        LEFT JOIN users u ON u.id = l.owner_user_id
        CROSS JOIN LATERAL (
          SELECT array_agg(lo.organization_id) AS ids, array_agg(org.name) AS names, array_agg(lo.relationship) AS details,
                 array_agg(lo.is_primary) AS primaries
          FROM lead_organizations lo JOIN organizations org ON org.id = lo.organization_id
          WHERE lo.lead_id = l.id) o
        CROSS JOIN LATERAL (
          SELECT array_agg(li.individual_id) AS ids, array_agg(ind.given_name || ' ' || ind.family_name) AS names,
                 array_agg(li.relationship) AS details, array_agg(li.is_primary) AS primaries
          FROM lead_individuals li JOIN individuals ind ON ind.id = li.individual_id
          WHERE li.lead_id = l.id) i
        CROSS JOIN LATERAL (
          SELECT array_agg(lc.contact_id) AS ids,
                 array_agg(ci.given_name || ' ' || ci.family_name || COALESCE(' at ' || co.name, '')) AS names,
                 array_agg(lc.role_on_lead) AS details, array_agg(lc.is_primary) AS primaries
          FROM lead_contacts lc JOIN contacts ct ON ct.id = lc.contact_id
          JOIN individuals ci ON ci.id = ct.individual_id
          LEFT JOIN organizations co ON co.id = ct.organization_id
          WHERE lc.lead_id = l.id) c
        ORDER BY b.position
        """;

    private static LeadExportRow Row(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), Text(r, 2), Text(r, 3), r.GetInt64(4), r.GetString(5),
        Value<decimal>(r, 6), Text(r, 7), Value<decimal>(r, 8), Value<DateOnly>(r, 9),
        Text(r, 10), Text(r, 11), Text(r, 12), Text(r, 13), Value<DateOnly>(r, 14), Value<TimeOnly>(r, 15),
        Links(r, 16), Links(r, 20), Links(r, 24),
        r.GetFieldValue<DateTime>(28), r.GetFieldValue<DateTime>(29));

    private static string? Text(NpgsqlDataReader r, int column) => r.IsDBNull(column) ? null : r.GetString(column);

    private static T? Value<T>(NpgsqlDataReader r, int column) where T : struct =>
        r.IsDBNull(column) ? null : r.GetFieldValue<T>(column);

    private static IReadOnlyList<LeadExportLink> Links(NpgsqlDataReader r, int first)
    {
        if (r.IsDBNull(first))
            return [];
        var ids = r.GetFieldValue<long[]>(first);
        var names = r.GetFieldValue<string[]>(first + 1);
        var details = r.GetFieldValue<string?[]>(first + 2);
        var primaries = r.GetFieldValue<bool[]>(first + 3);
        return LeadExportLink.InExportOrder(ids.Select((id, k) => new LeadExportLink(id, names[k], details[k], primaries[k])));
    }
}
