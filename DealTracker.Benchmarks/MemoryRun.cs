using System.Diagnostics;
using System.Text;
using DealTracker.Data.Identity;

namespace DealTracker.Benchmarks;

/// <summary>
/// <c>--mode memory</c>: only the memory per open board (<see cref="CircuitMemory"/>), at 10,000 leads unless
/// <c>--sizes</c> says otherwise, split the way the board report explains it: any app page (Overview), the board
/// filtered to show no card, the board. Writes its own section of docs/benchmarks.md.
/// </summary>
public static class MemoryRun
{
    public const double TargetKilobytes = 1024;

    public static async Task<int> RunAsync(Options options)
    {
        var clock = Stopwatch.StartNew();
        var sizes = options.SizesGiven ? options.Sizes : [10_000];
        var results = new List<(int Size, IReadOnlyList<double> Kilobytes)>();
        var loadAtStart = ExportRun.LoadAverage();
        await using (var scratch = await ScratchDatabase.CreateAsync(options.Server))
        {
            var generator = new PipelineGenerator(scratch.ConnectionString);
            await using (var system = Services.Build(scratch.ConnectionString, ActingUser.System))
                await generator.CreateUsersAsync(system);
            foreach (var size in sizes)
            {
                await generator.GrowToAsync(size);
                Console.WriteLine($"{size:N0} leads generated");
                var kilobytes = await new CircuitMemory(scratch.ConnectionString).KilobytesPerPageAsync(
                    [("/overview", false), ("/pipeline?q=no-such-lead", false), ("/pipeline", true)], options.Pages);
                Console.WriteLine($"{size:N0} leads: overview {kilobytes[0]:0} KB, board without cards {kilobytes[1]:0} KB, board {kilobytes[2]:0} KB per page");
                results.Add((size, kilobytes));
            }
        }
        var section = Describe(results, options, clock.Elapsed, loadAtStart);
        Console.WriteLine(section);
        await File.WriteAllTextAsync(options.Output, ReportSection.Replace(options.Output, section, ReportSection.Memory));
        Console.WriteLine($"Wrote {options.Output}");
        return results.All(r => r.Size != 10_000 || r.Kilobytes[2] <= TargetKilobytes) ? 0 : 1;
    }

    private static string Describe(List<(int Size, IReadOnlyList<double> Kilobytes)> results, Options options, TimeSpan elapsed, string loadAtStart)
    {
        var text = new StringBuilder();
        text.AppendLine("## Memory per open board");
        text.AppendLine();
        text.AppendLine($"`{options.Command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalMinutes:0.0} min, load average " +
            $"{loadAtStart} at the start and {ExportRun.LoadAverage()} at the end (memory, unlike time, hardly depends on it). " +
            "Measured as in the board table: the real app on Kestrel in the benchmark's process, Chromium signed in as the " +
            $"manager opens one page of a kind, then {options.Pages} more, each interactive (a board with its first cards " +
            "shown); managed heap after a forced full collection, growth divided by the pages. Target: ≤ 1 MB per open " +
            "board at 10,000 leads.");
        text.AppendLine();
        text.AppendLine("| Leads | Overview (any page) | Board showing no card | Board | Met |");
        text.AppendLine("|---:|---:|---:|---:|:-:|");
        foreach (var (size, kb) in results)
            text.AppendLine($"| {size:N0} | {kb[0]:0} KB | {kb[1]:0} KB | {kb[2]:0} KB | " +
                $"{(size != 10_000 ? "–" : kb[2] <= TargetKilobytes ? "yes" : "**no**")} |");
        return text.ToString();
    }
}
