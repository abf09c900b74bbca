using System.Diagnostics;
using System.Text;
using DealTracker.Data.Identity;
using DealTracker.Data.Import;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Benchmarks;

/// <summary>
/// <c>--mode import</c>: the import page's path for a 10,000-lead file on a scratch database (read the file, preview
/// every row, import in one transaction), timed end to end, with the process's memory growth sampled throughout.
/// </summary>
public static class ImportRun
{
    public static async Task<int> RunAsync(Options options)
    {
        await using var scratch = await ScratchDatabase.CreateAsync(options.Server);
        Console.WriteLine($"Scratch database {scratch.Name} created and migrated");
        await using var services = Services.Build(scratch.ConnectionString, ActingUser.System);
        var importer = services.GetRequiredService<ImportService>();
        var bytes = ImportFileGenerator.Write();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        using var sampler = new MemorySampler();

        var clock = Stopwatch.StartNew();
        var file = ImportFileReader.Read(bytes);
        var mapping = ImportService.SuggestMapping(ImportKind.Leads, file);
        var read = clock.Elapsed;
        var preview = await importer.PreviewAsync(ImportKind.Leads, file, mapping, updateMatched: false);
        var previewed = clock.Elapsed;
        var summary = await importer.ImportAsync(ImportKind.Leads, file, mapping, updateMatched: false, skipRowsWithProblems: false);
        clock.Stop();
        var (peakHeap, peakWorkingSet) = sampler.Stop();

        var counts = await CountAsync(scratch.ConnectionString);
        var result = new ImportResult(bytes.Length, preview.Problems.Count(), summary.Created, counts, read, previewed - read,
            clock.Elapsed - previewed, clock.Elapsed, (peakHeap - heapBefore) / 1024.0 / 1024.0,
            (peakWorkingSet - workingSetBefore) / 1024.0 / 1024.0);
        var section = result.Describe(options, await scratch.ServerVersionAsync());
        Console.WriteLine(section);
        await File.WriteAllTextAsync(options.Output, ReportSection.Replace(options.Output, section, ReportSection.Import));
        Console.WriteLine($"Wrote {options.Output}");
        return result.Met ? 0 : 1;
    }

    private static async Task<(long Leads, long Deals, long Organizations, long Individuals)> CountAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT (SELECT count(*) FROM leads), (SELECT count(*) FROM deals), (SELECT count(*) FROM organizations), (SELECT count(*) FROM individuals)",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }
}
