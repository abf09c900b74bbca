using System.Text.Json;
using Npgsql;

namespace DealTracker.Benchmarks;

/// <summary>
/// The history triggers' own time inside PostgreSQL for one stage move, which the machine's load hardly blurs: the two
/// UPDATEs a move sends (the lead's status, then the lead itself, every column as EF Core writes a modified entity) run
/// under <c>EXPLAIN (ANALYZE, FORMAT JSON)</c> on one connection, in a transaction rolled back each time, and the time
/// PostgreSQL reports for the history triggers is added up. Medians over the runs.
/// </summary>
public sealed class HistoryTriggerTime(string connectionString, long actorUserId)
{
    public async Task<(double HistoryTriggersMs, double StatementsMs)> MedianPerMoveAsync(IReadOnlyCollection<string> triggers, int runs)
    {
        var names = triggers.Select(t => t[(t.IndexOf('.') + 1)..]).ToHashSet(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var leads = new List<long>();
        await using (var pick = new NpgsqlCommand(
            "SELECT lead_id FROM lead_status WHERE stage IN ('Qualified', 'Discovery') ORDER BY lead_id DESC LIMIT 20", connection))
        await using (var reader = await pick.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                leads.Add(reader.GetInt64(0));

        var history = new List<double>();
        var statements = new List<double>();
        for (var i = 0; i < runs + 10; i++)
        {
            var lead = leads[i % leads.Count];
            await using var tx = await connection.BeginTransactionAsync();
            await using (var actor = new NpgsqlCommand("SELECT set_config('dealtracker.actor', @actor, true)", connection, tx))
            {
                actor.Parameters.AddWithValue("actor", actorUserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                await actor.ExecuteNonQueryAsync();
            }
            var status = await ExplainAsync(connection, tx, """
                UPDATE lead_status SET stage = CASE stage WHEN 'Qualified' THEN 'Discovery' ELSE 'Qualified' END, reason = NULL,
                       updated_at = now()
                WHERE lead_id = @lead
                """, lead, names);
            var row = await ExplainAsync(connection, tx, """
                UPDATE leads SET title = title, description = description, source = source, deal_id = deal_id,
                       owner_user_id = owner_user_id, next_step = next_step, next_step_due_on = next_step_due_on,
                       next_step_due_time = next_step_due_time, created_at = created_at, updated_at = now()
                WHERE id = @lead
                """, lead, names);
            await tx.RollbackAsync();
            if (i < 10)
                continue; // warm-up: the session compiles the trigger functions and caches their plans once
            history.Add(status.History + row.History);
            statements.Add(status.Total + row.Total);
        }
        return (Stats.Of(history).P50, Stats.Of(statements).P50);
    }

    private static async Task<(double History, double Total)> ExplainAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
        string update, long lead, HashSet<string> historyTriggers)
    {
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + update, connection, tx);
        command.Parameters.AddWithValue("lead", lead);
        var json = (string)(await command.ExecuteScalarAsync())!;
        using var plan = JsonDocument.Parse(json);
        var root = plan.RootElement[0];
        var history = root.TryGetProperty("Triggers", out var fired)
            ? fired.EnumerateArray()
                .Where(t => historyTriggers.Contains(t.GetProperty("Trigger Name").GetString() ?? ""))
                .Sum(t => t.GetProperty("Time").GetDouble())
            : 0;
        return (history, root.GetProperty("Execution Time").GetDouble());
    }
}
