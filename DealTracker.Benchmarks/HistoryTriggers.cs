using Npgsql;

namespace DealTracker.Benchmarks;

/// <summary>
/// Switches the history triggers (every trigger that writes <c>history_events</c> or keeps <c>stage_entered_at</c>) off
/// and on again with <c>ALTER TABLE ... DISABLE/ENABLE TRIGGER</c>, as the owner of a scratch database: the baseline the
/// cost of the history is measured against. The app role can never do this (it owns no table).
/// </summary>
public sealed class HistoryTriggers(string connectionString)
{
    private static readonly string[] Functions =
        ["record_history", "lead_status_history", "lead_link_history", "keep_stage_entered_at", "lead_next_step_history", "note_history",
         "record_history_inserted", "lead_status_history_inserted", "lead_link_history_inserted", "lead_next_step_history_inserted"];

    /// <summary>The triggers switched, as "table.trigger".</summary>
    public async Task<IReadOnlyList<string>> ListAsync()
    {
        var names = new List<string>();
        foreach (var (table, trigger) in await TriggersAsync())
            names.Add($"{table}.{trigger}");
        return names;
    }

    public Task DisableAsync() => SwitchAsync("DISABLE");

    public Task EnableAsync() => SwitchAsync("ENABLE");

    private async Task SwitchAsync(string verb)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        foreach (var (table, trigger) in await TriggersAsync())
        {
            // Identifiers come from pg_trigger and are quoted by quote_ident: no value of ours is in the text.
            await using var command = new NpgsqlCommand($"ALTER TABLE {table} {verb} TRIGGER {trigger}", connection, tx);
            await command.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }

    private async Task<List<(string Table, string Trigger)>> TriggersAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT t.tgrelid::regclass::text, quote_ident(t.tgname)
            FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND p.proname = ANY(@functions)
            ORDER BY 1, 2
            """, connection);
        command.Parameters.AddWithValue("functions", Functions);
        await using var reader = await command.ExecuteReaderAsync();
        var triggers = new List<(string, string)>();
        while (await reader.ReadAsync())
            triggers.Add((reader.GetString(0), reader.GetString(1)));
        return triggers;
    }
}
