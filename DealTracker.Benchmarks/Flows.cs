using System.Collections.Concurrent;
using System.Diagnostics;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Live;
using DealTracker.Data.Pipeline;
using DealTracker.Web.Components.Pages.Pipeline;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DealTracker.Benchmarks;

/// <summary>Whole flows timed with plain loops: warm-up first, then many runs, reported as percentiles in ms.</summary>
public sealed class Flows(string connectionString, long managerId)
{
    private readonly IActingUser _manager = ActingUser.Manager(managerId);

    /// <summary>SQL statements one board load sends, counted at the EF Core command interceptor.</summary>
    public async Task<int> BoardStatementsAsync()
    {
        var counter = new StatementCounter();
        var pipeline = new PipelineService(counter.Factory(connectionString), _manager);
        await pipeline.LoadBoardAsync(new PipelineFilter());
        counter.Reset();
        await pipeline.LoadBoardAsync(new PipelineFilter());
        return counter.Count;
    }

    /// <summary>The board component rendered to HTML on the server with a loaded board.</summary>
    public async Task<Stats> RenderBoardAsync(int runs)
    {
        await using var services = Services.Build(connectionString, _manager);
        var board = await services.GetRequiredService<PipelineService>().LoadBoardAsync(new PipelineFilter());
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { [nameof(PipelineBoard.Board)] = board });
        async Task<int> RenderAsync()
        {
            // A renderer per run, as a circuit has its own: each render starts from no components.
            await using var scope = services.CreateAsyncScope();
            await using var renderer = new HtmlRenderer(scope.ServiceProvider, services.GetRequiredService<ILoggerFactory>());
            return await renderer.Dispatcher.InvokeAsync(async () =>
                (await renderer.RenderComponentAsync<PipelineBoard>(parameters)).ToHtmlString().Length);
        }
        return await TimeAsync(runs, warmUp: 5, RenderAsync);
    }

    /// <summary>
    /// Stage moves through the lead service, one after another, each timed to its commit; and for each, the time until
    /// a second instance's notifier (its own LISTEN connection) publishes it.
    /// </summary>
    public async Task<(Stats Move, Stats Notice)> MoveLeadsAsync(int moves)
    {
        await using var services = Services.Build(connectionString, _manager);
        var leads = await LeadsToMoveAsync(connectionString, moves + 10);
        var notifier = new ChangeNotifier(NullLogger<ChangeNotifier>.Instance);
        using var listener = new ChangeListener(connectionString, notifier, NullLogger<ChangeListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        await notifier.Listening.WaitAsync(TimeSpan.FromSeconds(30));

        var waiting = new ConcurrentDictionary<long, TaskCompletionSource<long>>();
        using var subscription = notifier.Subscribe(batch =>
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var change in batch.Changes.Where(c => c.Table == "lead_status" && c.Ids is not null))
                foreach (var id in change.Ids!)
                    if (waiting.TryRemove(id, out var heard))
                        heard.TrySetResult(now);
            return Task.CompletedTask;
        });

        var move = new List<double>();
        var notice = new List<double>();
        for (var i = 0; i < leads.Count; i++)
        {
            var (lead, stage) = leads[i];
            var heard = waiting[lead] = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var scope = services.CreateScope();
            var service = scope.ServiceProvider.GetRequiredService<LeadService>();
            var start = Stopwatch.GetTimestamp();
            await service.MoveLeadToStageAsync(lead, stage == "Qualified" ? "Discovery" : "Qualified", null, null);
            var saved = Stopwatch.GetTimestamp();
            var heardAt = await heard.Task.WaitAsync(TimeSpan.FromSeconds(10));
            if (i < 10)
                continue; // warm-up
            move.Add(Stopwatch.GetElapsedTime(start, saved).TotalMilliseconds);
            notice.Add(Stopwatch.GetElapsedTime(saved, heardAt).TotalMilliseconds);
        }
        await listener.StopAsync(CancellationToken.None);
        return (Stats.Of(move), Stats.Of(notice));
    }

    /// <summary>/leads' query: one page of 25, searched (a word shared by many organizations) and sorted by title.</summary>
    public async Task<Stats> LeadListPageAsync(int runs)
    {
        await using var services = Services.Build(connectionString, _manager);
        var query = new LeadListQuery(Search: "Northwind", Sort: LeadSort.Title, Descending: false, Page: 1, PageSize: 25);
        return await TimeAsync(runs, warmUp: 3, async () =>
        {
            using var scope = services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<LeadQueries>().ListAsync(query)).Items.Count;
        });
    }

    /// <summary>Leads in Qualified or Discovery, the two stages the move benchmarks swap them between.</summary>
    internal static async Task<List<(long Lead, string Stage)>> LeadsToMoveAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT lead_id, stage FROM lead_status WHERE stage IN ('Qualified', 'Discovery') ORDER BY lead_id LIMIT @count
            """, connection);
        command.Parameters.AddWithValue("count", count);
        await using var reader = await command.ExecuteReaderAsync();
        var leads = new List<(long, string)>();
        while (await reader.ReadAsync())
            leads.Add((reader.GetInt64(0), reader.GetString(1)));
        return leads;
    }

    private static async Task<Stats> TimeAsync(int runs, int warmUp, Func<Task<int>> action)
    {
        for (var i = 0; i < warmUp; i++)
            await action();
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return Stats.Of(times);
    }
}

/// <summary>Milliseconds: median and 95th percentile of some runs.</summary>
public sealed record Stats(double P50, double P95, int Runs)
{
    public static Stats Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Stats(At(0.5), At(0.95), sorted.Length);
    }
}
