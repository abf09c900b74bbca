using System.Diagnostics;
using System.Text;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.Search;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Benchmarks;

/// <summary>
/// <c>--mode search</c>: the app-bar search (<see cref="SearchQueries"/>, every kind with its totals) and the /leads
/// search (<see cref="LeadQueries"/>, a page of 25 with its total) for terms of 3+ characters, at each size, as a
/// manager (sees everything) and as a sales user (visibility applied). Writes its own section of docs/benchmarks.md.
/// </summary>
public static class SearchRun
{
    private const int Runs = 30;

    /// <summary>A rare name, a common company word, a person's family name, a lead-title phrase, a 3-letter prefix, no match.</summary>
    private static readonly string[] Terms = ["Acme Logistics 12", "Northwind", "Tanaka", "Fleet renewal", "Glo", "zzqx"];

    public static async Task<int> RunAsync(Options options)
    {
        var clock = Stopwatch.StartNew();
        var loadBefore = HistoryRun.LoadAverage();
        var rows = new List<string>();
        var medians = new List<(int Size, double AppBar, double List)>();
        string postgres;
        await using (var scratch = await ScratchDatabase.CreateAsync(options.Server))
        {
            postgres = await scratch.ServerVersionAsync();
            var generator = new PipelineGenerator(scratch.ConnectionString);
            await using (var system = Services.Build(scratch.ConnectionString, ActingUser.System))
                await generator.CreateUsersAsync(system);
            foreach (var size in options.Sizes)
            {
                await generator.GrowToAsync(size);
                // The generator's trigger updates leave dead search texts behind: settle them as autovacuum would,
                // and so that it does not wake up in the middle of the measurements.
                await scratch.VacuumAsync();
                Console.WriteLine($"{size:N0} leads generated");
                foreach (var (who, actor) in new[] { ("manager", ActingUser.Manager(generator.ManagerId)), ("sales", ActingUser.Sales(generator.SalesUserIds[0])) })
                {
                    await using var services = Services.Build(scratch.ConnectionString, actor);
                    foreach (var term in Terms)
                    {
                        var (line, appBar, list) = await MeasureAsync(services, size, who, term);
                        rows.Add(line);
                        medians.Add((size, appBar, list));
                    }
                }
            }
        }
        var section = Describe(rows, medians, options, clock.Elapsed, postgres, loadBefore);
        Console.WriteLine(section);
        await File.WriteAllTextAsync(options.Output, ReportSection.Replace(options.Output, section, ReportSection.Search));
        Console.WriteLine($"Wrote {options.Output}");
        return 0;
    }

    private static async Task<(string Line, double AppBarP50, double ListP50)> MeasureAsync(IServiceProvider services,
        int size, string who, string term)
    {
        var found = "";
        var global = await TimeAsync(async () =>
        {
            using var scope = services.CreateScope();
            var results = await scope.ServiceProvider.GetRequiredService<SearchQueries>().FindAsync(term);
            found = string.Join(", ", results.Groups.Select(g => $"{g.Total:N0} {g.Kind.ToString().ToLowerInvariant()}"));
        });
        var total = 0;
        var list = await TimeAsync(async () =>
        {
            using var scope = services.CreateScope();
            total = (await scope.ServiceProvider.GetRequiredService<LeadQueries>()
                .ListAsync(new LeadListQuery(Search: term, Sort: LeadSort.Title, Descending: false, PageSize: 25))).Total;
        });
        var line = $"| {size:N0} | {who} | \"{term}\" | {global.P50:0.0} / {global.P95:0.0} ms | {(found == "" ? "nothing" : found)} " +
                   $"| {list.P50:0.0} / {list.P95:0.0} ms | {total:N0} |";
        Console.WriteLine(line);
        return (line, global.P50, list.P50);
    }

    private static async Task<Stats> TimeAsync(Func<Task> action)
    {
        for (var i = 0; i < 3; i++)
            await action();
        var times = new List<double>(Runs);
        for (var i = 0; i < Runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return Stats.Of(times);
    }

    private static string Describe(List<string> rows, List<(int Size, double AppBar, double List)> medians, Options options,
        TimeSpan elapsed, string postgres, string loadBefore)
    {
        var command = options.Command.Contains("--mode", StringComparison.Ordinal) ? options.Command : options.Command + " --mode search";
        var text = new StringBuilder();
        text.AppendLine("## Search");
        text.AppendLine();
        text.AppendLine($"`{command}` on {DateTime.UtcNow:yyyy-MM-dd}, PostgreSQL {postgres}, " +
                        $"{Environment.ProcessorCount} cores shared with other work (load average over 1, 5, 15 minutes: {loadBefore} " +
                        $"at the start, {HistoryRun.LoadAverage()} at the end; timings are upper bounds), the generated pipeline above, " +
                        $"{elapsed.TotalMinutes:0.0} min. " +
                        $"Server time in the app's process (service call to result, database round trips included), p50 / p95 of {Runs} " +
                        "after 3 warm-ups, on the generated rows after a VACUUM (ANALYZE). **App-bar search:** `SearchQueries.FindAsync`, the first 5 of each kind (leads, deals, " +
                        "organizations, individuals, contacts) with each kind's total, in one SQL statement (`SearchStatement`). **`/leads` search:** `LeadQueries.ListAsync`, " +
                        "the first page of 25 sorted by title with the total. Leads through one search text per lead and its trigram index (migration " +
                        "LeadSearchDocuments), the other kinds through their names' trigram indexes (SearchTrigramIndexes). A sales user sees their own and unassigned leads and deals. Target: ≤ 50 ms for terms of 3+ characters.");
        text.AppendLine();
        text.AppendLine("| Leads | As | Term | App-bar search p50 / p95 | Found (totals) | `/leads` search p50 / p95 | `/leads` total |");
        text.AppendLine("|---:|---|---|---:|---|---:|---:|");
        foreach (var row in rows)
            text.AppendLine(row);
        var largest = medians.Where(m => m.Size == medians.Max(x => x.Size)).ToList();
        text.AppendLine();
        text.AppendLine($"**Against the 50 ms target at {largest[0].Size:N0} leads (p50):** the app-bar search meets it for " +
                        $"{largest.Count(m => m.AppBar <= 50)} of {largest.Count} term and role pairs (slowest {largest.Max(m => m.AppBar):0.0} ms), " +
                        $"the `/leads` search for {largest.Count(m => m.List <= 50)} of {largest.Count} (slowest {largest.Max(m => m.List):0.0} ms).");
        return text.ToString();
    }
}
