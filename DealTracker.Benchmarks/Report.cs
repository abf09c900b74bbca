using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace DealTracker.Benchmarks;

public sealed record SizeResult(int Leads, double ServiceRead, double RawRead, int Statements, Stats Render,
    (Stats Move, Stats Notice) Moves, Stats LeadList, double KilobytesPerBoard)
{
    /// <summary>Memory per open Overview page (the layout and a few figures): what any page of the app costs.</summary>
    public double? KilobytesPerOverview { get; init; }

    /// <summary>Memory per open board filtered to show no card: the board's page without its cards.</summary>
    public double? KilobytesPerBoardWithoutCards { get; init; }

    /// <summary>The /leads export of every lead (CSV).</summary>
    public ExportResult? Export { get; init; }

    /// <summary>Statements one change costs with N open boards of one view or of 10 views (<see cref="SharedReadCost"/>).</summary>
    public IReadOnlyList<SharedReadCost.Figure> StatementsPerChange { get; init; } = [];

    public double ReadRatio => ServiceRead / RawRead;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Leads:N0} leads: board read {ServiceRead:0.0} ms (raw SQL {RawRead:0.0} ms, ×{ReadRatio:0.00}), {Statements} statements, " +
        $"render {Render.P50:0.00} ms, move p50 {Moves.Move.P50:0.0} / p95 {Moves.Move.P95:0.0} ms, " +
        $"notice p50 {Moves.Notice.P50:0} / p95 {Moves.Notice.P95:0} ms, /leads {LeadList.P50:0.0} ms, {KilobytesPerBoard:0} KB per board")
        + (Export is { } e
            ? string.Create(CultureInfo.InvariantCulture, $", export {e.RowsPerSecond:N0} rows/s (peak heap growth {e.PeakGrowthMegabytes:0.0} MB)")
            : "");
}

/// <summary>Writes docs/benchmarks.md: the machine, the date, the command, the table, and each target met or not.</summary>
public static class Report
{
    public static string Write(IReadOnlyList<SizeResult> results, Options options, TimeSpan took, string postgres)
    {
        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');

        Line("# DealTracker benchmarks");
        Line();
        Line("Written by the benchmark program (`DealTracker.Benchmarks`); do not edit by hand, run it again:");
        Line();
        Line("```");
        Line(options.Command);
        Line("```");
        Line();
        Line($"- **Date:** {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", inv)} UTC ({took.TotalMinutes.ToString("0.0", inv)} min)");
        Line($"- **Machine:** {CpuModel()}, {Environment.ProcessorCount} logical cores, {MemoryGb()} RAM, {RuntimeInformation.OSDescription}");
        Line($"- **Load when written** (`/proc/loadavg`, 1/5/15 min; other work shares the cores, so timings are upper bounds): {LoadAverage()}");
        Line($"- **Software:** .NET {Environment.Version}, PostgreSQL {postgres} on the same machine, Chromium (Debian) for the browser pages");
        Line("- **Data:** generated deterministically (`PipelineGenerator`): a funnel of leads (New 30 %, Qualified 20 %, Discovery 15 %, " +
             "Proposal 10 %, Negotiation 5 %, Won 8 %, Lost 10 %, On Hold 2 %), two per deal, five per organization, an individual on 60 % " +
             "and a contact on 50 % of them, deals in USD, EUR and GBP, eight sales owners and 10 % unassigned. Each size adds to the previous one.");
        Line();
        Line("| Leads | Board read, service | Board read, raw SQL | Ratio | SQL statements per board load | Board render (HtmlRenderer) | Stage move p50 / p95 | Cross-instance notice p50 / p95 | `/leads` page (search + sort) p50 | Memory per open board | CSV export of every lead | Export peak heap growth |");
        Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
            Line(string.Create(inv,
                $"| {r.Leads:N0} | {r.ServiceRead:0.0} ms | {r.RawRead:0.0} ms | ×{r.ReadRatio:0.00} | {r.Statements} | {r.Render.P50:0.00} ms | " +
                $"{r.Moves.Move.P50:0.0} / {r.Moves.Move.P95:0.0} ms | {r.Moves.Notice.P50:0} / {r.Moves.Notice.P95:0} ms | {r.LeadList.P50:0.0} ms | {r.KilobytesPerBoard:0} KB | " +
                $"{r.Export?.RowsPerSecond:N0} rows/s ({r.Export?.Seconds:0.0} s, {r.Export?.Bytes / 1024.0 / 1024.0:0.0} MB) | {r.Export?.PeakGrowthMegabytes:0.0} MB |"));
        Line();
        Line("Database statements per change, one app instance, every open board refreshing (`SharedReadCost`):");
        Line();
        Line("| Leads | " + string.Join(" | ", results.FirstOrDefault()?.StatementsPerChange.Select(f => $"{f.Boards} board{(f.Boards == 1 ? "" : "s")}, {f.Views} view{(f.Views == 1 ? "" : "s")}{(f.OneAfterAnother ? ", one after another" : "")}") ?? []) + " |");
        Line("|---:|" + string.Concat(Enumerable.Repeat("---:|", results.FirstOrDefault()?.StatementsPerChange.Count ?? 0)));
        foreach (var r in results)
            Line(string.Create(inv, $"| {r.Leads:N0} | ") + string.Join(" | ", r.StatementsPerChange.Select(f => f.Statements.ToString(inv))) + " |");
        Line();
        Line("How each number is taken:");
        Line();
        Line("- **Board read:** the board's first load (every stage, counts, per-currency totals, the first 25 cards of each column) as a " +
             "manager, through `PipelineService`, against one hand-written statement (`RawBoardQuery`) read with plain Npgsql into plain rows. " +
             $"Medians from BenchmarkDotNet (in-process: {BenchmarkProgram.BoardReadWarmups} warm-up and {BenchmarkProgram.BoardReadIterations} measured iterations), " +
             "on the generated rows after a VACUUM (ANALYZE).");
        Line("- **SQL statements:** counted by an EF Core command interceptor (`StatementCounter`) during one board load.");
        Line("- **Statements per change:** N `PipelineService` boards (a manager; unfiltered, unassigned or one sales owner's leads) told of " +
             "one change refresh through `SharedBoardReads`, as the board page does: all at once, or one after another (each once the " +
             "previous has its board, as circuits whose refreshes do not overlap); statements counted by `StatementCounter`.");
        Line("- **Board render:** the `PipelineBoard` component rendered to an HTML string by `HtmlRenderer` with the loaded board; median of 30 after 5 warm-ups.");
        Line("- **Stage move:** 200 moves through `LeadService` (10 more as warm-up), one after another, timed until the commit returns. " +
             "**Cross-instance notice:** for each move, the time from its commit until a second notifier, with its own `LISTEN` connection " +
             "as another app instance has, publishes it (this includes the notifier's 40 ms window that folds bursts into one refresh).");
        Line("- **`/leads` page:** `LeadQueries` for page 2 of 25 leads matching \"Northwind\" (title, deal, organization or person), sorted by title; median of 30.");
        Line($"- **Memory per open board:** the real app on Kestrel in the benchmark's process; Chromium signs in as the manager, opens one board, " +
             $"then {options.Pages} more, each interactive with its cards shown; managed heap after a forced full collection, growth divided by {options.Pages}.");
        Line("- **CSV export:** `/export/leads` without a filter as a manager, through `ExportService` (the endpoint's code path, writing " +
             "into a stream that keeps nothing): one warm-up, then one timed run. **Peak heap growth:** a further run while a sampler forces a " +
             "full collection every 50 ms and keeps the largest live managed heap, minus the heap before the run.");
        Line();
        Line("## Targets");
        Line();
        Line("| Target | Result | Met |");
        Line("|---|---|:-:|");
        void Target(string name, string result, bool met) => Line($"| {name} | {result} | {(met ? "yes" : "**no**")} |");
        Target("Board load in one SQL statement (one round trip) at every size", string.Join(", ", results.Select(r => r.Statements)), results.All(r => r.Statements <= 1));
        Target("One board read per open view and change", string.Join(", ", results.Select(r =>
                string.Join("/", r.StatementsPerChange.Select(f => f.Statements.ToString(inv))))),
            results.All(r => r.StatementsPerChange.All(f => f.Statements <= f.Views)));
        if (results.FirstOrDefault(r => r.Leads == 100_000) is { } hundred)
            Target("Board first load ≤ 100 ms at 100,000 leads", hundred.ServiceRead.ToString("0.0", inv) + " ms", hundred.ServiceRead <= 100);
        var smaller = results.Where(r => r.Leads is 1_000 or 10_000).ToList();
        if (smaller.Count > 0)
            Target("Board read ≤ 1.2× the raw SQL at 1,000 and 10,000 leads", string.Join(", ", smaller.Select(r => "×" + r.ReadRatio.ToString("0.00", inv))),
                smaller.All(r => r.ReadRatio <= 1.2));
        Target("Board read ≤ 1.5× the raw SQL", string.Join(", ", results.Select(r => "×" + r.ReadRatio.ToString("0.00", inv))), results.All(r => r.ReadRatio <= 1.5));
        if (results.FirstOrDefault(r => r.Leads == 1_000) is { } small && results.FirstOrDefault(r => r.Leads == 100_000) is { } large)
        {
            var ratio = large.Render.P50 / small.Render.P50;
            Target("Render at 100k ≤ 1.3× render at 1k", "×" + ratio.ToString("0.00", inv), ratio <= 1.3);
        }
        Target("Stage move p95 ≤ 25 ms", string.Join(", ", results.Select(r => r.Moves.Move.P95.ToString("0.0", inv) + " ms")), results.All(r => r.Moves.Move.P95 <= 25));
        Target("Cross-instance notice ≤ 250 ms (p95)", string.Join(", ", results.Select(r => r.Moves.Notice.P95.ToString("0", inv) + " ms")), results.All(r => r.Moves.Notice.P95 <= 250));
        if (results.FirstOrDefault(r => r.Leads == 10_000) is { } mid)
        {
            Target("Memory ≤ 400 KB per open board circuit at 10k leads", mid.KilobytesPerBoard.ToString("0", inv) + " KB", mid.KilobytesPerBoard <= 400);
            Target("Memory ≤ 1 MB per open board at 10k leads", mid.KilobytesPerBoard.ToString("0", inv) + " KB", mid.KilobytesPerBoard <= 1024);
        }
        if (results.FirstOrDefault(r => r.Leads == 100_000) is { Export: { } export })
            Target("Export of 100,000 leads ≥ 20,000 rows/s, flat memory",
                export.RowsPerSecond.ToString("N0", inv) + " rows/s, peak growth " + export.PeakGrowthMegabytes.ToString("0.0", inv) + " MB " +
                "(" + string.Join(", ", results.Select(r => r.Export?.PeakGrowthMegabytes.ToString("0.0", inv) + " MB at " + r.Leads.ToString("N0", inv))) + ")",
                export.RowsPerSecond >= 20_000);
        Line();
        foreach (var note in Notes(results))
            Line(note);
        return md.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Where a target is missed, what the numbers say about why (kept next to the table they explain).</summary>
    private static IEnumerable<string> Notes(IReadOnlyList<SizeResult> results)
    {
        var inv = CultureInfo.InvariantCulture;
        if (results.FirstOrDefault(r => r.Leads == 10_000) is { KilobytesPerOverview: { } overview, KilobytesPerBoardWithoutCards: { } bare } mid
            && mid.KilobytesPerBoard > 400)
        {
            var cards = mid.KilobytesPerBoard - bare;
            var drawn = 6 * DealTracker.Web.Components.Pages.Pipeline.PipelineBoard.FirstCards;
            var verdict = mid.KilobytesPerBoard > 1024 ? "misses 1 MB and 400 KB" : "meets 1 MB and misses 400 KB";
            var cardsCost = cards >= 1
                ? string.Create(inv, $"add {cards:0} KB, about {cards / drawn:0.0} KB a card. ")
                : string.Create(inv, $"add less than this measurement's noise (the board showing them measured {-cards:0} KB less). ");
            yield return string.Create(inv,
                $"- **Memory per open board ({mid.KilobytesPerBoard:0} KB at 10,000 leads) {verdict}.** Measured the same way, an open " +
                $"Overview page costs {overview:0} KB: a Blazor Server circuit with the app's MudBlazor layout (navigation, theme, " +
                $"app-bar search, account menu, dialog, popover and snackbar providers) is over 400 KB before the board adds anything. " +
                $"The board page with no card shown costs {bare:0} KB (its filters are MudBlazor autocompletes and date pickers, plus " +
                $"column headers and the chart), and its first cards (the {drawn / 6} drawn in each of the six open columns, of the 25 " +
                $"each loads) {cardsCost}A card is one piece of encoded markup in a keyed " +
                $"element, and the boards open on one view share their read's cards and the markup drawn from them; a card was ~15 " +
                $"MudBlazor components (13 MB per board before issue 18), then its element and \"Move to\" button with two pieces of " +
                $"markup (1.3 MB per board). What remains is mostly the layout, which every page pays (MudBlazor's theme, the app " +
                $"bar with its search and account menu, the providers): rendering the providers only when used and fewer MudBlazor " +
                $"components there is what would come closer to 400 KB. The per-user cost " +
                $"stays flat from 1,000 to 100,000 leads because only the first page of each column is held.");
        }
        foreach (var r in results.Where(r => r.ReadRatio > 1.2 && r.Leads <= 10_000))
            yield return string.Create(inv, $"- **At {r.Leads:N0} leads the service read takes ×{r.ReadRatio:0.00} the raw statement** " +
                $"({r.ServiceRead - r.RawRead:0.0} ms more). ") + "Its work no longer grows with the leads (the totals are a lookup of the " +
                "totals the database keeps, the cards are read down the stage index: compare the 100,000-lead figure), so at small " +
                "sizes what remains is a fixed cost: one round trip like the raw statement, but through EF Core (a context, " +
                "materialization) and planning a longer statement. Measured on a shared machine (load above): " +
                $"each figure is a median of {BenchmarkProgram.BoardReadIterations} iterations.";
        if (results.Any(r => r.StatementsPerChange.Any(f => f.Statements > f.Views)))
            yield return "- **Statements per change above one per view:** a view's read is kept until the next change and " +
                "shared with every board told of no later change; more reads mean a change was published during the measurement.";
        yield return "- **Which boards read kept totals:** unfiltered boards (a manager's; a Sales user's own and unassigned leads) " +
            "and boards filtered by owner. A board filtered by deal, organization, person, close dates, next step or search counts " +
            "its totals from its leads as before; those views are not measured here.";
    }

    internal static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    internal static string MemoryGb()
    {
        var bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return (bytes / 1024.0 / 1024 / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " GB";
    }
}
