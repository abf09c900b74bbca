using System.Diagnostics;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealTracker.Benchmarks;

/// <summary>
/// What the history costs a stage move: the same kind of move through <see cref="LeadService"/> with the history
/// triggers on and off, in one run, in rounds ordered on, off, off, on (so a drift in the machine's load weighs on both
/// sides alike). The first moves after each switch are not timed: the switch invalidates cached plans on both sides.
/// </summary>
public sealed class HistoryCost(string connectionString, long managerId)
{
    private const int UntimedAfterSwitch = 3;

    public async Task<StageMoveComparison> CompareStageMovesAsync(int rounds, int movesPerRound)
    {
        await using var services = Services.Build(connectionString, ActingUser.Manager(managerId));
        var triggers = new HistoryTriggers(connectionString);
        var leads = await Flows.LeadsToMoveAsync(connectionString, 60);
        var next = 0;

        async Task<double> MoveOneAsync()
        {
            var index = next++ % leads.Count;
            var lead = leads[index];
            var target = lead.Stage == "Qualified" ? "Discovery" : "Qualified";
            using var scope = services.CreateScope();
            var service = scope.ServiceProvider.GetRequiredService<LeadService>();
            var start = Stopwatch.GetTimestamp();
            await service.MoveLeadToStageAsync(lead.Lead, target, null, null);
            var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            leads[index] = (lead.Lead, target);
            return elapsed;
        }

        for (var i = 0; i < 20; i++)
            await MoveOneAsync(); // warm-up: JIT, query compilation, the connection pool

        var timed = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var events = new Dictionary<bool, long> { [true] = 0, [false] = 0 };
        for (var round = 0; round < rounds; round++)
        {
            var on = (round % 4) is 0 or 3;
            if (on)
                await triggers.EnableAsync();
            else
                await triggers.DisableAsync();
            for (var i = 0; i < UntimedAfterSwitch; i++)
                await MoveOneAsync();
            var before = await EventCountAsync();
            for (var i = 0; i < movesPerRound; i++)
                timed[on].Add(await MoveOneAsync());
            events[on] += await EventCountAsync() - before;
        }
        await triggers.EnableAsync();

        var names = await triggers.ListAsync();
        var (historyMs, updatesMs) = await new HistoryTriggerTime(connectionString, managerId).MedianPerMoveAsync(names, runs: 200);
        return new StageMoveComparison(Stats.Of(timed[true]), Stats.Of(timed[false]),
            (double)events[true] / timed[true].Count, (double)events[false] / timed[false].Count, names, historyMs, updatesMs);
    }

    private async Task<long> EventCountAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM history_events", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
