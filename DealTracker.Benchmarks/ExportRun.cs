using System.Diagnostics;
using System.Globalization;
using System.Text;
using DealTracker.Data.Identity;

namespace DealTracker.Benchmarks;

/// <summary>
/// <c>--mode export</c>: only the CSV export of every lead (<see cref="ExportBenchmark"/>), at 100,000 leads unless
/// <c>--sizes</c> says otherwise, without the board measurements around it. Writes its own section of docs/benchmarks.md.
/// </summary>
public static class ExportRun
{
    public const double TargetRowsPerSecond = 20_000;

    public static async Task<int> RunAsync(Options options)
    {
        var clock = Stopwatch.StartNew();
        var sizes = options.SizesGiven ? options.Sizes : [100_000];
        var results = new List<(int Size, ExportResult Export)>();
        string postgres;
        await using (var scratch = await ScratchDatabase.CreateAsync(options.Server))
        {
            postgres = await scratch.ServerVersionAsync();
            var generator = new PipelineGenerator(scratch.ConnectionString);
            await using (var system = Services.Build(scratch.ConnectionString, ActingUser.System))
                await generator.CreateUsersAsync(system);
            foreach (var size in sizes)
            {
                await generator.GrowToAsync(size);
                Console.WriteLine($"{size:N0} leads generated");
                var export = await new ExportBenchmark(scratch.ConnectionString, generator.ManagerId).RunAsync();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{size:N0} leads: {export.RowsPerSecond:N0} rows/s ({export.Seconds:0.00} s), peak heap growth {export.PeakGrowthMegabytes:0.0} MB"));
                results.Add((size, export));
            }
        }
        var section = Describe(results, options, clock.Elapsed, postgres);
        Console.WriteLine(section);
        await File.WriteAllTextAsync(options.Output, ReportSection.Replace(options.Output, section, ReportSection.Export));
        Console.WriteLine($"Wrote {options.Output}");
        return results.All(r => r.Size < 100_000 || r.Export.RowsPerSecond >= TargetRowsPerSecond) ? 0 : 1;
    }

    // The program runs in en-US (Program.Main), so figures read 20,000.5 here as in the other sections.
    private static string Describe(List<(int Size, ExportResult Export)> results, Options options, TimeSpan elapsed, string postgres)
    {
        var text = new StringBuilder();
        text.AppendLine("## CSV export of every lead");
        text.AppendLine();
        text.AppendLine($"`{options.Command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, PostgreSQL {postgres}, " +
            $"{Environment.ProcessorCount} cores, the generated pipeline above, {elapsed.TotalMinutes:0.0} min, load average " +
            $"{LoadAverage()} when it ended. `/export/leads` without a filter as a manager, through `ExportService` (the endpoint's " +
            "code path) into a stream that keeps nothing: one warm-up, one timed run; then a run while a sampler forces a full " +
            "collection every 50 ms and keeps the largest live managed heap, minus the heap before it. Target: ≥ 20,000 rows/s " +
            "at 100,000 leads with flat memory. The export columns of the board table above come from the last full run " +
            "(`bash scripts/benchmarks.sh`) and are as old as its date.");
        text.AppendLine();
        text.AppendLine("| Leads | Rows/s | Time | File | Peak heap growth | Met |");
        text.AppendLine("|---:|---:|---:|---:|---:|:-:|");
        foreach (var (size, e) in results)
            text.AppendLine($"| {size:N0} | {e.RowsPerSecond:N0} | {e.Seconds:0.00} s | {e.Bytes / 1024.0 / 1024.0:0.0} MB | " +
                $"{e.PeakGrowthMegabytes:0.0} MB | {(size < 100_000 ? "–" : e.RowsPerSecond >= TargetRowsPerSecond ? "yes" : "**no**")} |");
        return text.ToString();
    }

    /// <summary>The machine's 1-minute load average (the benchmark shares its cores with other work).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
