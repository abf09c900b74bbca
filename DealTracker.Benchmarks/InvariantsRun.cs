using System.Diagnostics;
using System.Text;
using DealTracker.Data.Identity;
using DealTracker.Tests.Support;

namespace DealTracker.Benchmarks;

/// <summary>
/// <c>--mode invariants</c>: the random-operations workload at full size (10,000 operations on 4 workers by default)
/// on a scratch database, then every invariant counted. Reports operations, refusals by kind and violations (must be 0).
/// </summary>
public static class InvariantsRun
{
    private const ulong Seed = 20261201;

    public static async Task<int> RunAsync(Options options)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(options.Server);
        Console.WriteLine($"Scratch database {scratch.Name} created and migrated");
        await using var services = Services.Build(scratch.ConnectionString, ActingUser.System);

        var random = new Random((int)Seed);
        var perWorker = options.Operations / options.Workers;
        var plans = Enumerable.Range(0, options.Workers)
            .Select(_ => Enumerable.Range(0, perWorker).Select(_ => random.Next(RandomOperations.Kinds)).ToArray())
            .ToList();
        var clock = Stopwatch.StartNew();
        var report = await new RandomOperations(scratch.ConnectionString, services).RunAsync(plans, Seed);
        clock.Stop();

        var section = Describe(report, options, clock.Elapsed, await scratch.ServerVersionAsync());
        Console.WriteLine(section);
        await File.WriteAllTextAsync(options.Output, ReportSection.Replace(options.Output, ReportSection.RandomOperations, section));
        Console.WriteLine($"Wrote {options.Output}");
        return report.TotalViolations == 0 ? 0 : 1;
    }

    private static string Describe(RandomOperations.Report report, Options options, TimeSpan elapsed, string postgres)
    {
        var text = new StringBuilder();
        text.AppendLine("## Random operations against the invariants");
        text.AppendLine();
        text.AppendLine($"`{options.Command} --mode invariants` on {DateTime.UtcNow:yyyy-MM-dd}, PostgreSQL {postgres}, " +
                        $"{Environment.ProcessorCount} cores: {report.Operations:N0} operations on {options.Workers} concurrent " +
                        $"workers (raw SQL at READ COMMITTED, REPEATABLE READ and SERIALIZABLE, and the services), seed {Seed}, " +
                        $"{elapsed.TotalSeconds:0} s. A refusal is the database or a service saying no; a violation is a row breaking an invariant.");
        text.AppendLine();
        text.AppendLine("| Refusal | Count |");
        text.AppendLine("| --- | ---: |");
        foreach (var (kind, count) in report.Refusals.OrderByDescending(r => r.Value))
            text.AppendLine($"| {kind} | {count:N0} |");
        text.AppendLine($"| **all refusals** | **{report.Refusals.Values.Sum():N0}** |");
        text.AppendLine();
        text.AppendLine("| Invariant | Rows breaking it |");
        text.AppendLine("| --- | ---: |");
        foreach (var (invariant, count) in report.Violations)
            text.AppendLine($"| {invariant} | {count} |");
        return text.ToString();
    }
}
