using System.Diagnostics;
using DealTracker.Data.Entities;
using DealTracker.Data.History;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using Npgsql;

namespace DealTracker.Benchmarks;

/// <summary>
/// The timeline of a lead with 10,000 events: the lead's owner moves it, writes notes and plans next steps through the
/// real history triggers (backdated 37 minutes apart, as the owner role may), among the generated pipeline's own
/// events. Then <see cref="TimelineService"/> reads pages of it, timed and with its SQL statements counted.
/// </summary>
public sealed class TimelineBenchmark(string connectionString, long managerId)
{
    private const int Runs = 200;
    private const int WarmUp = 50;

    private long _ownerId;

    public long LeadId { get; private set; }
    public long EventsOnLead { get; private set; }
    public long EventsInDatabase { get; private set; }

    /// <summary>Gives one lead (whose owner also owns its deal) <paramref name="events"/> more events.</summary>
    public async Task PrepareAsync(int events)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        long owner;
        await using (var pick = new NpgsqlCommand("""
            SELECT l.id, l.owner_user_id FROM leads l JOIN deals d ON d.id = l.deal_id JOIN lead_status s ON s.lead_id = l.id
            WHERE l.owner_user_id IS NOT NULL AND d.owner_user_id = l.owner_user_id AND s.stage = 'New'
            ORDER BY l.id LIMIT 1
            """, connection))
        await using (var reader = await pick.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
                throw new InvalidOperationException("The generated pipeline has no lead whose owner owns its deal.");
            (LeadId, owner) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        _ownerId = owner;

        await using var tx = await connection.BeginTransactionAsync();
        await using (var settings = new NpgsqlCommand("""
            SELECT set_config('bench.lead', @lead, true), set_config('bench.owner', @owner, true), set_config('bench.events', @events, true)
            """, connection, tx))
        {
            settings.Parameters.AddWithValue("lead", LeadId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            settings.Parameters.AddWithValue("owner", owner.ToString(System.Globalization.CultureInfo.InvariantCulture));
            settings.Parameters.AddWithValue("events", events.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await settings.ExecuteNonQueryAsync();
        }
        // Nine in ten are stage moves, one in twenty a note, one in twenty a next step: each writes exactly one event.
        await using (var write = new NpgsqlCommand("""
            DO $$
            DECLARE
              v_lead BIGINT := current_setting('bench.lead')::BIGINT;
              v_owner BIGINT := current_setting('bench.owner')::BIGINT;
              v_events INT := current_setting('bench.events')::INT;
              v_stages TEXT[] := ARRAY['New', 'Qualified', 'Discovery', 'Proposal', 'Negotiation'];
              v_at TIMESTAMPTZ;
            BEGIN
              PERFORM set_config('dealtracker.actor', v_owner::TEXT, true);
              FOR i IN 1 .. v_events LOOP
                v_at := now() - make_interval(mins => 37 * (v_events - i + 1));
                PERFORM set_config('dealtracker.backdate_to', v_at::TEXT, true);
                IF i % 20 = 0 THEN
                  INSERT INTO notes (lead_id, author_user_id, body, created_at, updated_at)
                  VALUES (v_lead, v_owner, 'Benchmark note ' || i || E'\nwith a second line', v_at, v_at);
                ELSIF i % 20 = 10 THEN
                  UPDATE leads SET next_step = 'Follow up ' || i, next_step_due_on = (v_at + interval '3 days')::DATE WHERE id = v_lead;
                ELSE
                  UPDATE lead_status SET stage = v_stages[1 + i % 5], stage_entered_at = v_at
                  WHERE lead_id = v_lead AND stage <> v_stages[1 + i % 5];
                END IF;
              END LOOP;
              PERFORM set_config('dealtracker.backdate_to', '', true);
            END;
            $$
            """, connection, tx) { CommandTimeout = 600 })
            await write.ExecuteNonQueryAsync();
        await tx.CommitAsync();

        EventsOnLead = await ScalarAsync(connection, "SELECT count(*) FROM history_events WHERE record_type = 'lead' AND record_id = @id", LeadId);
        EventsInDatabase = await ScalarAsync(connection, "SELECT count(*) FROM history_events");
    }

    public async Task<IReadOnlyList<TimelineFigure>> MeasureAsync()
    {
        var manager = ActingUser.Manager(managerId);
        var owner = ActingUser.Sales(_ownerId);
        var dealId = await DealOfLeadAsync();
        var fewEventsLead = await LeadWithFewestEventsAsync();
        var deep = await CursorAtAsync(5_000);

        return
        [
            await FigureAsync("Lead, first page, as a manager", manager, s => s.GetLeadTimelineAsync(LeadId, new TimelineQuery())),
            await FigureAsync("Lead, first page, as its owner (Sales)", owner, s => s.GetLeadTimelineAsync(LeadId, new TimelineQuery())),
            await FigureAsync("Lead, first page of notes only", manager,
                s => s.GetLeadTimelineAsync(LeadId, new TimelineQuery(Kinds: [HistoryKinds.Note]))),
            await FigureAsync("Lead, \"show older\" from the 5,000th newest event", manager,
                s => s.GetLeadTimelineAsync(LeadId, new TimelineQuery(Before: deep))),
            await FigureAsync("Its deal, first page, as a manager", manager, s => s.GetDealTimelineAsync(dealId, new TimelineQuery())),
            await FigureAsync("Its deal, first page, as its owner (Sales)", owner, s => s.GetDealTimelineAsync(dealId, new TimelineQuery())),
            await FigureAsync("A lead with a few events, first page, as a manager", manager,
                s => s.GetLeadTimelineAsync(fewEventsLead, new TimelineQuery())),
        ];
    }

    private async Task<TimelineFigure> FigureAsync(string what, IActingUser actor, Func<TimelineService, Task<TimelinePage>> read)
    {
        var counter = new StatementCounter();
        var service = new TimelineService(counter.Factory(connectionString), actor);
        for (var i = 0; i < WarmUp; i++)
            await read(service);
        counter.Reset();
        var page = await read(service);
        var statements = counter.Count;
        var times = new List<double>(Runs);
        for (var i = 0; i < Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await read(service);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return new TimelineFigure(what, Stats.Of(times), statements, page.Entries.Count);
    }

    private async Task<long> DealOfLeadAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ScalarAsync(connection, "SELECT deal_id FROM leads WHERE id = @id", LeadId);
    }

    private async Task<long> LeadWithFewestEventsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ScalarAsync(connection, """
            SELECT l.id FROM leads l
            ORDER BY (SELECT count(*) FROM history_events h WHERE h.record_type = 'lead' AND h.record_id = l.id), l.id
            LIMIT 1
            """);
    }

    /// <summary>Where "show older" continues after the <paramref name="newest"/> newest events of the lead.</summary>
    private async Task<TimelineCursor> CursorAtAsync(int newest)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT occurred_at, id FROM history_events WHERE record_type = 'lead' AND record_id = @id
            ORDER BY occurred_at DESC, id DESC OFFSET @offset LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("id", LeadId);
        command.Parameters.AddWithValue("offset", newest - 1);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new TimelineCursor(reader.GetDateTime(0), reader.GetInt64(1));
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, long? id = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (id is { } value)
            command.Parameters.AddWithValue("id", value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
