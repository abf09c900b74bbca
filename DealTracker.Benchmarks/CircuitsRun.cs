using System.Diagnostics;
using System.Globalization;
using System.Text;
using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.Ownership;
using DealTracker.Data.Users;
using DealTracker.LoadDriver;
using DealTracker.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealTracker.Benchmarks;

/// <summary>
/// <c>--mode circuits</c>: how many people one instance serves live. The app runs as its own process over a scratch
/// database of 10,000 leads (or the first of <c>--sizes</c>); the headless load driver opens 100, 500 and 1,000 board
/// circuits (or <c>--circuits</c>) signed in as a mix of managers and Sales users, the benchmark moves one lead a second
/// for 60 s (<c>--seconds</c>) through the lead service, and measures, per move and per circuit that may see it, the time
/// until a render batch with the card in its new column arrived; then the largest count again over two instances behind
/// the YARP proxy. Writes its own section of docs/benchmarks.md.
/// </summary>
public static class CircuitsRun
{
    private const double P95TargetMs = 500;
    private const int TargetCircuits = 1_000;
    private const int ParallelStarts = 8;
    private const int ExtraManagers = 3;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);
    // PostgreSQL's backends publish their statistics at most once a second, idle ones within ten.
    private static readonly TimeSpan StatisticsSettle = TimeSpan.FromSeconds(11);

    private sealed record Viewer(string Email, IActingUser Actor);
    private sealed record PlannedMove(long LeadId, string To, long? Owner);

    public static async Task<int> RunAsync(Options options)
    {
        var clock = Stopwatch.StartNew();
        var loadBefore = HistoryRun.LoadAverage();
        var leads = options.SizesGiven ? options.Sizes[0] : 10_000;
        await using var scratch = await ScratchDatabase.CreateAsync(options.Server);
        Console.WriteLine($"Scratch database {scratch.Name} created and migrated");
        var generator = new PipelineGenerator(scratch.ConnectionString);
        var viewers = new List<Viewer>();
        await using (var system = Services.Build(scratch.ConnectionString, ActingUser.System))
        {
            await generator.CreateUsersAsync(system);
            viewers.Add(new Viewer(PipelineGenerator.ManagerEmail, ActingUser.Manager(generator.ManagerId)));
            var users = system.GetRequiredService<UserAdminService>();
            for (var i = 1; i <= ExtraManagers; i++)
            {
                var email = $"bench-watcher{i}@example.com";
                viewers.Add(new Viewer(email, ActingUser.Manager(
                    await users.CreateAsync(new NewUser($"Watcher {i}", email, [Roles.Manager], PipelineGenerator.ManagerPassword)))));
            }
            viewers.AddRange(generator.SalesUserIds.Select((id, i) => new Viewer($"bench-sales{i + 1}@example.com", ActingUser.Sales(id))));
        }
        await generator.GrowToAsync(leads);
        await scratch.VacuumAsync();
        Console.WriteLine($"{leads:N0} leads generated; {viewers.Count} people watch: {viewers.Count(v => v.Actor.IsManagerOrAdmin)} managers, " +
                          $"{viewers.Count(v => !v.Actor.IsManagerOrAdmin)} Sales users");

        var counts = options.Circuits;
        var plan = new Queue<PlannedMove>(await PlanMovesAsync(scratch.ConnectionString, (counts.Count + 1) * options.Seconds + 20));
        var results = new List<CircuitsResult>();
        await using var mover = Services.Build(scratch.ConnectionString, ActingUser.Manager(generator.ManagerId));
        var baseline = await MoverTransactionsPerMoveAsync(scratch.ConnectionString, mover, plan);
        foreach (var count in counts)
            results.Add(await MeasureAsync(1, count, options.Seconds, scratch.ConnectionString, viewers, mover, plan, baseline));
        results.Add(await MeasureAsync(2, counts.Max(), options.Seconds, scratch.ConnectionString, viewers, mover, plan, baseline));

        var section = Describe(options, leads, viewers, results, baseline, await scratch.ServerVersionAsync(), clock.Elapsed, loadBefore, HistoryRun.LoadAverage());
        await File.WriteAllTextAsync(options.Output, ReportSection.Replace(options.Output, section, ReportSection.Circuits));
        Console.WriteLine($"Wrote {options.Output}");
        var met = results.FirstOrDefault(r => r.Instances == 1 && r.Circuits == TargetCircuits) is { } target
                  && target.ErrorCount == 0 && target.P95 <= P95TargetMs;
        return met ? 0 : 1;
    }

    private static async Task<CircuitsResult> MeasureAsync(int instances, int count, int seconds, string connectionString,
        IReadOnlyList<Viewer> viewers, IServiceProvider mover, Queue<PlannedMove> plan, double baseline)
    {
        Console.WriteLine($"{count} circuits on {instances} instance(s)…");
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var ct = limit.Token;
        var apps = new List<AppProcess>();
        WebApplication? proxy = null;
        var people = new List<SignedInUser>();
        try
        {
            for (var i = 0; i < instances; i++)
                apps.Add(await AppProcess.StartAsync(connectionString, ct));
            var entry = apps[0].BaseUrl;
            if (instances > 1)
            {
                proxy = ProxyProgram.Build([], new Dictionary<string, string?>
                {
                    ["Urls"] = "http://127.0.0.1:0",
                    ["Logging:LogLevel:Default"] = "Warning",
                    ["ReverseProxy:Clusters:dealtracker:Destinations:web:Address"] = apps[0].BaseUrl.ToString(),
                    ["ReverseProxy:Clusters:dealtracker:Destinations:web2:Address"] = apps[1].BaseUrl.ToString(),
                });
                await proxy.StartAsync(ct);
                entry = new Uri(proxy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
            }
            foreach (var viewer in viewers)
                people.Add(await SignedInUser.SignInAsync(entry, viewer.Email, PipelineGenerator.ManagerPassword, ct));
            var actors = people.ToDictionary(p => p, p => viewers.First(v => v.Email == p.Email).Actor);

            // One board per person first, closed again: each instance's one-off costs (JIT, caches) are not per circuit.
            await (await LiveBoards.OpenAsync(people, "pipeline", people.Count, ParallelStarts, ct)).DisposeAsync();

            var rssBefore = apps.Sum(a => a.WorkingSet) / 1024.0 / 1024;
            var opening = Stopwatch.StartNew();
            LiveBoards boards;
            try
            {
                boards = await LiveBoards.OpenAsync(people, "pipeline", count, ParallelStarts, ct);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or OperationCanceledException)
            {
                return CircuitsResult.Failed(instances, count, $"opening {count} circuits failed after {opening.Elapsed.TotalSeconds:0} s: {e.Message}");
            }
            await using (boards)
            {
                var openSeconds = opening.Elapsed.TotalSeconds;
                var rssAfter = apps.Sum(a => a.WorkingSet) / 1024.0 / 1024;
                Console.WriteLine($"  opened in {openSeconds:0.0} s; app RSS {rssBefore:0} → {rssAfter:0} MB");

                var transactionsBefore = await SettledTransactionsAsync(connectionString);
                var appCpu = apps.Sum(a => a.Cpu.TotalMilliseconds);
                var driverCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
                var wall = Stopwatch.StartNew();
                var watches = new List<MoveWatch>();
                var rules = new Dictionary<IActingUser, Func<Lead, bool>>();
                for (var i = 0; i < seconds; i++)
                {
                    var due = TimeSpan.FromSeconds(i) - wall.Elapsed;
                    if (due > TimeSpan.Zero)
                        await Task.Delay(due, ct);
                    var move = plan.Dequeue();
                    var lead = new Lead { Title = "", OwnerUserId = move.Owner };
                    watches.Add(boards.Watch(move.LeadId, move.To, person => SeesLead(rules, actors[person], lead)));
                    await MoveAsync(mover, move, ct);
                }
                await Task.WhenAll(watches.Select(w => w.WaitAsync(DeliveryTimeout, ct)));
                var appCores = (apps.Sum(a => a.Cpu.TotalMilliseconds) - appCpu) / wall.Elapsed.TotalMilliseconds;
                var driverCores = (Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - driverCpu) / wall.Elapsed.TotalMilliseconds;
                var transactions = await SettledTransactionsAsync(connectionString) - transactionsBefore;

                var latencies = watches.SelectMany(w => w.Latencies).Order().ToArray();
                double At(double q) => latencies.Length == 0 ? 0 : latencies[Math.Clamp((int)Math.Ceiling(q * latencies.Length) - 1, 0, latencies.Length - 1)];
                var errors = boards.Errors.Concat(boards.Disconnected > 0 ? [$"{boards.Disconnected} circuits disconnected"] : []).ToList();
                var result = new CircuitsResult(instances, count, openSeconds, watches.Count, latencies.Length, At(0.5), At(0.95),
                    latencies.LastOrDefault(), watches.Sum(w => w.Missing.Count), watches.Sum(w => w.Unexpected.Count), errors,
                    (double)transactions / watches.Count - baseline, appCores, driverCores, rssBefore, rssAfter);
                Console.WriteLine("  " + result.Describe());
                return result;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or OperationCanceledException)
        {
            return CircuitsResult.Failed(instances, count, e.Message);
        }
        finally
        {
            people.ForEach(p => p.Dispose());
            if (proxy is not null)
                await proxy.DisposeAsync();
            foreach (var app in apps)
                await app.DisposeAsync();
        }
    }

    /// <summary>Whether <paramref name="actor"/> may see <paramref name="lead"/>: the app's visibility rule, compiled once per actor.</summary>
    private static bool SeesLead(Dictionary<IActingUser, Func<Lead, bool>> rules, IActingUser actor, Lead lead)
    {
        lock (rules)
        {
            if (!rules.TryGetValue(actor, out var rule))
                rules[actor] = rule = Visibility.Of<Lead>(actor).Compile();
            return rule(lead);
        }
    }

    private static async Task MoveAsync(IServiceProvider mover, PlannedMove move, CancellationToken ct)
    {
        using var scope = mover.CreateScope();
        await scope.ServiceProvider.GetRequiredService<LeadService>().MoveLeadToStageAsync(move.LeadId, move.To, null, null, ct);
    }

    /// <summary>The database transactions a move costs with no board open: subtracted, what is left is the boards' reading.</summary>
    private static async Task<double> MoverTransactionsPerMoveAsync(string connectionString, IServiceProvider mover, Queue<PlannedMove> plan)
    {
        const int moves = 5;
        var before = await SettledTransactionsAsync(connectionString);
        for (var i = 0; i < moves; i++)
            await MoveAsync(mover, plan.Dequeue(), CancellationToken.None);
        return (double)(await SettledTransactionsAsync(connectionString) - before) / moves;
    }

    /// <summary>
    /// Transactions committed or rolled back in the scratch database so far, after the backends have published their
    /// statistics. Each board read is one statement in its own transaction, so the difference counts statements.
    /// </summary>
    private static async Task<long> SettledTransactionsAsync(string connectionString)
    {
        await Task.Delay(StatisticsSettle);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()", connection);
        var count = (long)(await command.ExecuteScalarAsync())!;
        // This probe's own transaction is counted too; it is the same on both sides of every difference.
        return count;
    }

    private static async Task<List<PlannedMove>> PlanMovesAsync(string connectionString, int count)
    {
        var leads = await Flows.LeadsToMoveAsync(connectionString, count);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, owner_user_id FROM leads WHERE id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", leads.Select(l => l.Lead).ToArray());
        var owners = new Dictionary<long, long?>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                owners[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        }
        if (leads.Count < count)
            throw new InvalidOperationException($"Only {leads.Count} leads to move, {count} needed: generate more leads.");
        // Qualified moves on to Discovery, Discovery to Proposal: open stages, no reason asked.
        return [.. leads.Select(l => new PlannedMove(l.Lead, l.Stage == "Qualified" ? "Discovery" : "Proposal", owners[l.Lead]))];
    }

    private static string Describe(Options options, int leads, IReadOnlyList<Viewer> viewers, IReadOnlyList<CircuitsResult> results,
        double baseline, string postgres, TimeSpan took, string loadBefore, string loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        var target = results.FirstOrDefault(r => r.Instances == 1 && r.Circuits == TargetCircuits);

        Line("## Live boards under load: headless circuits");
        Line();
        Line(string.Create(inv, $"`{options.Command}{(options.Command.Contains("--mode", StringComparison.Ordinal) ? "" : " --mode circuits")}` " +
             $"on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC ({took.TotalMinutes:0.0} min): {Report.CpuModel()}, {Environment.ProcessorCount} " +
             $"logical cores shared by the app, the load driver and PostgreSQL {postgres} (load average over 1, 5, 15 minutes: " +
             $"{loadBefore} at the start, {loadAfter} at the end), .NET {Environment.Version}; the generated pipeline of {leads:N0} leads. " +
             $"{viewers.Count} people watch the board, {viewers.Count(v => v.Actor.IsManagerOrAdmin)} managers (every card) and " +
             $"{viewers.Count(v => !v.Actor.IsManagerOrAdmin)} Sales users (their own cards and the unassigned), each signed in once; " +
             $"circuits are spread over them in turn."));
        Line();
        Line("| Target | Result | Met |");
        Line("|---|---|:-:|");
        Line(target is null
            ? $"| {TargetCircuits:N0} circuits on one instance, p95 move-to-display ≤ {P95TargetMs:0} ms, no errors | not measured | **no** |"
            : string.Create(inv, $"| {TargetCircuits:N0} circuits on one instance, p95 move-to-display ≤ {P95TargetMs:0} ms, no errors | " +
                                 $"p95 {target.P95:0} ms, {target.ErrorCount} errors | {Met(target.ErrorCount == 0 && target.P95 <= P95TargetMs)} |"));
        Line();
        Line("| Instances | Circuits | Opened in | Moves | Deliveries | p50 | p95 | max | Missing / unexpected / errors | Statements per change | App CPU | Driver CPU | App RSS | RSS per circuit |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            if (r.Moves == 0)
            {
                Line($"| {r.Instances} | {r.Circuits:N0} | — | — | — | — | — | — | {Escape(r.Errors[0])} | — | — | — | — | — |");
                continue;
            }
            Line(string.Create(inv, $"| {r.Instances} | {r.Circuits:N0} | {r.OpenSeconds:0.0} s | {r.Moves} | {r.Deliveries:N0} | {r.P50:0} ms | " +
                 $"{r.P95:0} ms | {r.Max:0} ms | {r.Missing} / {r.Unexpected} / {r.Errors.Count} | {r.StatementsPerChange:0.#} | " +
                 $"{r.AppCores:0.00} cores | {r.DriverCores:0.00} cores | {r.RssBeforeMb:0} → {r.RssAfterMb:0} MB | {r.RssKbPerCircuit:0} KB |"));
        }
        var firstErrors = results.SelectMany(r => r.Errors.Take(3).Select(e => $"{r.Circuits:N0} on {r.Instances}: {e}")).Take(6).ToList();
        if (firstErrors.Count > 0)
        {
            Line();
            Line("First errors reported:");
            Line();
            foreach (var e in firstErrors)
                Line($"- {Escape(e)}");
        }
        Line();
        var perCircuitMb = results.Count == 0 ? 0 : results.Average(r => r.RssKbPerCircuit) / 1024;
        var (fewest, most) = (results.MinBy(r => r.Circuits), results.MaxBy(r => r.Circuits));
        Line(string.Create(inv, $"What limits it: the app, PostgreSQL and the driver share the machine's cores, so once the app's CPU nears " +
             $"them, move-to-display grows with the queue. Every move re-renders the board of every circuit that shows it: " +
             $"each circuit diffs its own board and sends its own batch, so the CPU a move costs grows with the circuits " +
             $"watching. A view's read is kept until the next change and shared by every circuit of that view asking after " +
             $"the last change it was told of (a circuit that loaded more cards adds one read of its extra cards), yet " +
             $"statements per change still grow with the circuits ({fewest?.StatementsPerChange:0.0} at {fewest?.Circuits:N0}, " +
             $"{most?.StatementsPerChange:0.0} at {most?.Circuits:N0}, for the same {viewers.Select(v => v.Actor.IsManagerOrAdmin ? "all" : v.Email).Distinct().Count()} views): " +
             $"not analysed further; a likely cause is that the refreshes for one change, spread over the p95 above, overlap " +
             $"the next move, whose circuits then need a newer read. Each board circuit adds about {perCircuitMb:0.0} MB to " +
             $"the app's resident memory. Two instances on the same " +
             $"cores add no CPU, so here they only spread the memory; on two machines they would halve each one's work."));
        Line();
        Line("How the numbers are taken:");
        Line();
        Line(string.Create(inv, $"- **The driver** (`DealTracker.LoadDriver`) is a Blazor Server client without a browser: for each circuit it " +
             $"loads `/pipeline` with the person's cookie, reads the prerendered component markers, opens `/_blazor` with the SignalR " +
             $"client speaking `blazorpack`, starts the circuit and adds the root components as blazor.web.js does, acknowledges every " +
             $"render batch and answers every JS interop call with an empty success. It decodes each batch's string table; a card " +
             $"renders `data-card-in=\"{{lead}}@{{stage}}\"`, so a batch holding that string shows the card in its new column."));
        Line(string.Create(inv, $"- **Moves:** one a second for {options.Seconds} s through `LeadService.MoveLeadToStageAsync` as a manager, in the " +
             $"benchmark's process (the app hears it through PostgreSQL's change feed, as it hears a colleague's move on another " +
             $"instance). Move-to-display is from just before the move's call to the batch's arrival, for every circuit whose " +
             $"person may see the lead (the app's `Visibility` rule); a circuit that shows a move it should not counts as unexpected, " +
             $"one that never shows it within {DeliveryTimeout.TotalSeconds:0} s as missing."));
        Line(string.Create(inv, $"- **Statements per change:** transactions in the scratch database during the moves (`pg_stat_database`, read " +
             $"after {StatisticsSettle.TotalSeconds:0} s so every backend has published), per move, minus the {baseline:0.#} a move costs with " +
             $"no board open. A board read is one statement in a transaction of its own, a circuit's extra cards another."));
        Line("- **App CPU** is the app processes' CPU time over the moves' wall time; **driver CPU** the benchmark process's (the " +
             "driver and the mover), on the same cores. **RSS** is the app processes' resident memory before and after the circuits " +
             "opened (after one warm-up board per person), and its growth per circuit. Two instances: two app processes behind " +
             "`DealTracker.Proxy` (the YARP configuration of the compose profile `scale`) in the benchmark's process; each person is " +
             "pinned to one instance by the affinity cookie from signing in, so the circuits split by person.");
        return md.ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Met(bool met) => met ? "yes" : "**no**";
}
