using System.Text;

namespace DealTracker.Benchmarks;

/// <summary>What the import benchmark measured, and its section of docs/benchmarks.md.</summary>
public sealed record ImportResult(long FileBytes, int Problems, int Created,
    (long Leads, long Deals, long Organizations, long Individuals) InDatabase,
    TimeSpan Read, TimeSpan Preview, TimeSpan Import, TimeSpan Total, double PeakHeapGrowthMb, double PeakWorkingSetGrowthMb)
{
    public const double TargetSeconds = 10;
    public const double TargetMegabytes = 200;

    public bool Met => Problems == 0 && Created == ImportFileGenerator.Leads && Total.TotalSeconds <= TargetSeconds
        && PeakWorkingSetGrowthMb <= TargetMegabytes;

    public string Describe(Options options, string postgres)
    {
        var text = new StringBuilder();
        text.AppendLine("## Import of 10,000 leads");
        text.AppendLine();
        text.AppendLine($"`{options.Command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, PostgreSQL {postgres}, {Environment.ProcessorCount} cores " +
            $"(load average {ExportRun.LoadAverage()} when it ended): " +
            $"a {FileBytes / 1024.0 / 1024.0:0.0} MB file of {ImportFileGenerator.Leads:N0} lead rows naming {ImportFileGenerator.Deals:N0} deals, " +
            $"{ImportFileGenerator.Organizations:N0} organizations and {ImportFileGenerator.Individuals:N0} individuals that do not exist yet, " +
            "through `ImportService` as the /import page calls it: read the file, preview every row, then import (which checks every row " +
            "again inside its one transaction). Memory: the largest live managed heap and process working set sampled every 50 ms, " +
            "minus their values before the run (heap after a full collection).");
        text.AppendLine();
        text.AppendLine("| Step | Time |");
        text.AppendLine("| --- | ---: |");
        text.AppendLine($"| Read and map the file | {Read.TotalSeconds:0.00} s |");
        text.AppendLine($"| Preview (every row checked) | {Preview.TotalSeconds:0.00} s |");
        text.AppendLine($"| Import (checked again, written, committed) | {Import.TotalSeconds:0.00} s |");
        text.AppendLine($"| **End to end** | **{Total.TotalSeconds:0.00} s** |");
        text.AppendLine();
        text.AppendLine($"Written: {InDatabase.Leads:N0} leads, {InDatabase.Deals:N0} deals, {InDatabase.Organizations:N0} organizations, " +
            $"{InDatabase.Individuals:N0} individuals ({Problems} problems in the preview).");
        text.AppendLine();
        text.AppendLine("| Target | Result | Met |");
        text.AppendLine("|---|---|:-:|");
        text.AppendLine($"| 10,000 lead rows imported end to end ≤ {TargetSeconds:0} s | {Total.TotalSeconds:0.0} s | " +
            $"{(Total.TotalSeconds <= TargetSeconds ? "yes" : "**no**")} |");
        text.AppendLine($"| Memory growth ≤ {TargetMegabytes:0} MB | working set +{PeakWorkingSetGrowthMb:0} MB, managed heap +{PeakHeapGrowthMb:0} MB | " +
            $"{(PeakWorkingSetGrowthMb <= TargetMegabytes ? "yes" : "**no**")} |");
        return text.ToString();
    }
}
