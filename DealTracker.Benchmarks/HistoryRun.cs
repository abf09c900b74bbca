using System.Diagnostics;
using System.Globalization;
using System.Text;
using DealTracker.Data.Identity;

namespace DealTracker.Benchmarks;

/// <summary>
/// <c>--mode history</c>: what the change history costs and how its timeline reads, on a scratch database with a
/// generated pipeline of 10,000 leads (or the first of <c>--sizes</c>). Writes its own section of docs/benchmarks.md.
/// </summary>
public static class HistoryRun
{
    private const int Rounds = 24;
    private const int MovesPerRound = 25;
    private const int TimelineEvents = 10_000;
    private const double MoveRatioTarget = 1.2;
    private const double TimelineTargetMs = 20;

    public static async Task<int> RunAsync(Options options)
    {
        var clock = Stopwatch.StartNew();
        var loadBefore = LoadAverage();
        var leads = options.SizesGiven ? options.Sizes[0] : 10_000;
        await using var scratch = await ScratchDatabase.CreateAsync(options.Server);
        Console.WriteLine($"Scratch database {scratch.Name} created and migrated");
        var generator = new PipelineGenerator(scratch.ConnectionString);
        await using (var system = Services.Build(scratch.ConnectionString, ActingUser.System))
            await generator.CreateUsersAsync(system);
        await generator.GrowToAsync(leads);
        await scratch.VacuumAsync(); // so that autovacuum does not wake up during the measurements
        Console.WriteLine($"{leads:N0} leads generated");

        var moves = await new HistoryCost(scratch.ConnectionString, generator.ManagerId).CompareStageMovesAsync(Rounds, MovesPerRound);
        Console.WriteLine($"Stage move p95 {moves.With.P95:0.0} ms with history, {moves.Without.P95:0.0} ms without: ×{moves.P95Ratio:0.00}");

        var timeline = new TimelineBenchmark(scratch.ConnectionString, generator.ManagerId);
        await timeline.PrepareAsync(TimelineEvents);
        await scratch.VacuumAsync();
        Console.WriteLine($"Lead {timeline.LeadId} has {timeline.EventsOnLead:N0} events ({timeline.EventsInDatabase:N0} in the database)");
        var figures = await timeline.MeasureAsync();
        foreach (var figure in figures)
            Console.WriteLine($"{figure.What}: {figure.Time.P50:0.00} / {figure.Time.P95:0.00} ms, {figure.Statements} statements");

        var section = Describe(options, leads, moves, timeline, figures, await scratch.ServerVersionAsync(), clock.Elapsed,
            loadBefore, LoadAverage());
        await File.WriteAllTextAsync(options.Output, ReportSection.Replace(options.Output, section, ReportSection.History));
        Console.WriteLine($"Wrote {options.Output}");
        var met = moves.P95Ratio <= MoveRatioTarget && figures[0].Time.P95 <= TimelineTargetMs;
        return met ? 0 : 1;
    }

    private static string Describe(Options options, int leads, StageMoveComparison moves, TimelineBenchmark timeline,
        IReadOnlyList<TimelineFigure> figures, string postgres, TimeSpan took, string loadBefore, string loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        var first = figures[0];
        var few = figures[^1];

        Line("## History: stage moves and timelines");
        Line();
        Line(string.Create(inv, $"`{options.Command}{(options.Command.Contains("--mode", StringComparison.Ordinal) ? "" : " --mode history")}` " +
             $"on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC ({took.TotalMinutes:0.0} min): {Report.CpuModel()}, {Environment.ProcessorCount} " +
             $"logical cores shared with other work (load average over 1, 5, 15 minutes: {loadBefore} at the start, {loadAfter} at the end), " +
             $".NET {Environment.Version}, PostgreSQL {postgres} on the same machine; the generated pipeline of {leads:N0} leads " +
             $"(`PipelineGenerator`, with its history: {timeline.EventsInDatabase:N0} events in all after the lead below got its own)."));
        Line();
        Line("| Target | Result | Met |");
        Line("|---|---|:-:|");
        Line(string.Create(inv, $"| Stage move p95 with history ≤ {MoveRatioTarget:0.0}× without the history triggers | " +
             $"{moves.With.P95:0.0} ms / {moves.Without.P95:0.0} ms = ×{moves.P95Ratio:0.00} | {Met(moves.P95Ratio <= MoveRatioTarget)} |"));
        Line(string.Create(inv, $"| First page of a lead's timeline with {timeline.EventsOnLead:N0} events ≤ {TimelineTargetMs:0} ms server time, " +
             $"fixed statements | p50 {first.Time.P50:0.00} ms, p95 {first.Time.P95:0.00} ms; {first.Statements} statements " +
             $"({few.Statements} for a lead with a few events) | {Met(first.Time.P95 <= TimelineTargetMs && first.Statements == few.Statements)} |"));
        Line();
        Line("| Stage move (`LeadService.MoveLeadToStageAsync`, as a manager) | p50 | p95 | Moves timed | History events per move |");
        Line("|---|---:|---:|---:|---:|");
        Line(string.Create(inv, $"| with the history triggers | {moves.With.P50:0.0} ms | {moves.With.P95:0.0} ms | {moves.With.Runs} | {moves.EventsPerMoveWith:0.##} |"));
        Line(string.Create(inv, $"| without them | {moves.Without.P50:0.0} ms | {moves.Without.P95:0.0} ms | {moves.Without.Runs} | {moves.EventsPerMoveWithout:0.##} |"));
        Line(string.Create(inv, $"| ratio | ×{moves.P50Ratio:0.00} | ×{moves.P95Ratio:0.00} | | |"));
        Line();
        Line(string.Create(inv, $"Inside PostgreSQL (`EXPLAIN ANALYZE`, median of 200), the history triggers take {moves.HistoryTriggersMs:0.000} ms " +
             $"of the {moves.UpdatesMs:0.000} ms the move's two UPDATEs execute in: the part of a move's time that the load of the machine " +
             $"cannot blur. The rest of a move (connection, the acting user's check, the visibility check, reading the lead, the " +
             $"picklist check, the commit) is the same with or without history."));
        Line();
        Line($"| Timeline read (`TimelineService`, 30 events a page) | p50 | p95 | SQL statements | Events returned |");
        Line("|---|---:|---:|---:|---:|");
        foreach (var f in figures)
            Line(string.Create(inv, $"| {f.What} | {f.Time.P50:0.00} ms | {f.Time.P95:0.00} ms | {f.Statements} | {f.Events} |"));
        Line();
        Line("How the numbers are taken:");
        Line();
        Line(string.Create(inv, $"- **Stage moves:** the same move (a lead between Qualified and Discovery, 60 leads in turn) through the " +
             $"service, timed until the commit returns, in {Rounds} rounds of {MovesPerRound}, with the history triggers on, off, off, on, … " +
             $"(so a change in the machine's load weighs on both sides alike), after 20 warm-up moves; the first 3 moves after each switch " +
             $"are not timed. \"Without\" switches off, as the owner of the scratch database (`ALTER TABLE … DISABLE TRIGGER`), every " +
             $"trigger that writes history or keeps `stage_entered_at` ({moves.Triggers.Count} of them; on the two tables a move writes: " +
             $"{string.Join(", ", moves.Triggers.Where(t => t.StartsWith("lead_status.", StringComparison.Ordinal) || t.StartsWith("leads.", StringComparison.Ordinal)).Select(t => $"`{t}`"))}). " +
             $"Both sides still send the statement that names the acting user (`set_config('dealtracker.actor', …)`): it is one of the " +
             $"transaction's statements either way. The events column counts what each side wrote, which shows the switch took effect."));
        Line(string.Create(inv, $"- **Timeline:** one lead, owned by a sales user who also owns its deal, gets {TimelineEvents:N0} more events " +
             $"through the real triggers (its owner moving it between stages, one note and one next step in every twenty, backdated 37 " +
             $"minutes apart as only the owner role may); then each read below runs 50 times untimed (tiered JIT settles) and 200 times timed, one after " +
             $"another, as the app's service does it (a context per read, visibility check, keyset page from an index). Statements are " +
             $"counted by `StatementCounter` for one read."));
        return md.ToString();
    }

    private static string Met(bool met) => met ? "yes" : "**no**";

    /// <summary>The machine's load average over 1, 5 and 15 minutes (Linux), as the docs report it.</summary>
    internal static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]}, {parts[1]}, {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
