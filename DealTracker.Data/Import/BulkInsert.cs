using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DealTracker.Data.Import;

/// <summary>
/// Many rows of one table in one parameterized <c>INSERT … SELECT FROM unnest(@column arrays)</c>, inside the import's
/// transaction on its context's connection: one statement, so the statement-level history triggers write the rows'
/// events in one go too. Ids are taken from the table's sequence first (<see cref="NextIdsAsync"/>), so rows of other
/// tables can point at them in the same way EF Core's inserts would. Every column not listed keeps its default, as
/// with an EF insert; <c>created_at</c>/<c>updated_at</c> take the time EF Core would stamp.
/// </summary>
internal sealed class BulkInsert(DealTrackerDbContext db)
{
    /// <summary>What EF Core's <c>SaveChanges</c> stamps on <c>created_at</c> and <c>updated_at</c>.</summary>
    public DateTime Now { get; } = DateTime.UtcNow;

    /// <summary><paramref name="count"/> new ids of <paramref name="table"/>'s serial <c>id</c>, in ascending order.</summary>
    public async Task<long[]> NextIdsAsync(string table, int count, CancellationToken ct)
    {
        if (count == 0)
            return [];
        await using var command = Command("SELECT nextval(pg_get_serial_sequence(@table, 'id')) FROM generate_series(1, @count)");
        command.Parameters.AddWithValue("table", table);
        command.Parameters.AddWithValue("count", count);
        var ids = new List<long>(count);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                ids.Add(reader.GetInt64(0));
        ids.Sort();
        return [.. ids];
    }

    /// <summary>
    /// Inserts one row per element of the arrays (all of one length) into <paramref name="table"/>'s
    /// <paramref name="columns"/>, plus the timestamp columns in <paramref name="stamped"/> set to <see cref="Now"/>.
    /// </summary>
    public async Task InsertAsync(string table, IReadOnlyList<(string Column, Array Values)> columns, string[] stamped, CancellationToken ct)
    {
        if (columns[0].Values.Length == 0)
            return;
        var names = columns.Select(c => c.Column).Concat(stamped);
        var values = columns.Select((_, i) => "@c" + i.ToString(CultureInfo.InvariantCulture));
        var sql = $"INSERT INTO {table} ({string.Join(", ", names)}) SELECT u.*{string.Concat(stamped.Select(_ => ", @now"))} " +
                  $"FROM unnest({string.Join(", ", values)}) AS u";
        await using var command = Command(sql);
        for (var i = 0; i < columns.Count; i++)
            command.Parameters.AddWithValue("c" + i.ToString(CultureInfo.InvariantCulture), columns[i].Values);
        command.Parameters.AddWithValue("now", Now);
        await command.ExecuteNonQueryAsync(ct);
    }

    private NpgsqlCommand Command(string sql) =>
        new(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
}
