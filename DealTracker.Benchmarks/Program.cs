using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DealTracker.Data.Identity;

namespace DealTracker.Benchmarks;

// Measures DealTracker at 1k, 10k and 100k leads on a scratch database and writes docs/benchmarks.md.
//   dotnet run -c Release --project DealTracker.Benchmarks -- <server connection string> [--sizes 1000,10000,100000] [--out docs/benchmarks.md]
// scripts/benchmarks.sh starts a local PostgreSQL and passes its connection string (see the README).
public static class BenchmarkProgram
{
    /// <summary>The board read's iterations: a short run's 3 left the 1,000-lead ratio at the mercy of one slow iteration.</summary>
    internal const int BoardReadWarmups = 5, BoardReadIterations = 15;

    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        var options = Options.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("usage: DealTracker.Benchmarks <server connection string> [--sizes 1000,10000,100000] [--out docs/benchmarks.md] [--pages 20]");
            Console.Error.WriteLine("       DealTracker.Benchmarks <server connection string> --mode invariants [--operations 10000] [--workers 4] [--out docs/benchmarks.md]");
            Console.Error.WriteLine("       DealTracker.Benchmarks <server connection string> --mode import [--out docs/benchmarks.md]");
            Console.Error.WriteLine("       DealTracker.Benchmarks <server connection string> --mode search [--sizes 1000,10000,100000] [--out docs/benchmarks.md]");
            Console.Error.WriteLine("       DealTracker.Benchmarks <server connection string> --mode history [--sizes 10000] [--out docs/benchmarks.md]");
            Console.Error.WriteLine("       DealTracker.Benchmarks <server connection string> --mode export [--sizes 100000] [--out docs/benchmarks.md]");
            Console.Error.WriteLine("       DealTracker.Benchmarks <server connection string> --mode circuits [--sizes 10000] [--circuits 100,500,1000] [--seconds 60] [--out docs/benchmarks.md]");
            Console.Error.WriteLine("       DealTracker.Benchmarks <server connection string> --mode memory [--sizes 10000] [--pages 20] [--out docs/benchmarks.md]");
            return 2;
        }

        if (options.Mode == "invariants")
            return await InvariantsRun.RunAsync(options);
        if (options.Mode == "import")
            return await ImportRun.RunAsync(options);
        if (options.Mode == "search")
            return await SearchRun.RunAsync(options);
        if (options.Mode == "history")
            return await HistoryRun.RunAsync(options);
        if (options.Mode == "export")
            return await ExportRun.RunAsync(options);
        if (options.Mode == "circuits")
            return await CircuitsRun.RunAsync(options);
        if (options.Mode == "memory")
            return await MemoryRun.RunAsync(options);

        var total = Stopwatch.StartNew();
        var results = new List<SizeResult>();
        string postgres;
        await using (var scratch = await ScratchDatabase.CreateAsync(options.Server))
        {
            Console.WriteLine($"Scratch database {scratch.Name} created and migrated");
            postgres = await scratch.ServerVersionAsync();
            var generator = new PipelineGenerator(scratch.ConnectionString);
            await using (var system = Services.Build(scratch.ConnectionString, ActingUser.System))
                await generator.CreateUsersAsync(system);

            foreach (var size in options.Sizes)
            {
                var step = Stopwatch.StartNew();
                await generator.GrowToAsync(size);
                Console.WriteLine($"{size:N0} leads generated in {step.Elapsed.TotalSeconds:0.0} s");
                // Settle the fresh rows as autovacuum would, so that it does not wake up (a minute after the inserts)
                // in the middle of one statement's iterations and not the other's.
                await scratch.VacuumAsync();
                var flows = new Flows(scratch.ConnectionString, generator.ManagerId);

                BoardReadBenchmarks.Target = (scratch.ConnectionString, generator.ManagerId);
                var summary = BenchmarkRunner.Run<BoardReadBenchmarks>(ManualConfig.CreateEmpty()
                    .AddJob(Job.ShortRun.WithWarmupCount(BoardReadWarmups).WithIterationCount(BoardReadIterations).WithToolchain(InProcessEmitToolchain.Instance))
                    .AddColumnProvider(BenchmarkDotNet.Columns.DefaultColumnProviders.Instance)
                    .AddLogger(NullLogger.Instance)
                    .WithOption(ConfigOptions.DisableLogFile, true)
                    .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "dealtracker-benchmarkdotnet")));
                double Median(string method) => summary.Reports.First(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method)
                    .ResultStatistics!.Median / 1_000_000.0;

                var result = new SizeResult(size,
                    ServiceRead: Median(nameof(BoardReadBenchmarks.Service)),
                    RawRead: Median(nameof(BoardReadBenchmarks.RawSql)),
                    Statements: await flows.BoardStatementsAsync(),
                    Render: await flows.RenderBoardAsync(runs: 30),
                    Moves: await flows.MoveLeadsAsync(moves: 200),
                    LeadList: await flows.LeadListPageAsync(runs: 30),
                    KilobytesPerBoard: 0)
                {
                    Export = await new ExportBenchmark(scratch.ConnectionString, generator.ManagerId).RunAsync(),
                    StatementsPerChange = await new SharedReadCost(scratch.ConnectionString, generator.ManagerId).MeasureAsync(),
                };
                if (size == 10_000)
                {
                    // Where a board's memory goes: any app page (Overview), the board filtered to show no card, the board.
                    var memory = await new CircuitMemory(scratch.ConnectionString).KilobytesPerPageAsync(
                        [("/overview", false), ("/pipeline?q=no-such-lead", false), ("/pipeline", true)], options.Pages);
                    result = result with { KilobytesPerOverview = memory[0], KilobytesPerBoardWithoutCards = memory[1], KilobytesPerBoard = memory[2] };
                }
                else
                {
                    var memory = await new CircuitMemory(scratch.ConnectionString).KilobytesPerPageAsync([("/pipeline", true)], options.Pages);
                    result = result with { KilobytesPerBoard = memory[0] };
                }
                results.Add(result);
                Console.WriteLine(result.Describe());
            }
        }
        Console.WriteLine("Scratch database dropped");

        var markdown = Report.Write(results, options, total.Elapsed, postgres);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Output))!);
        // The random-operations, search, import and history sections, written by their own modes, stay.
        await File.WriteAllTextAsync(options.Output, ReportSection.Keep(options.Output, markdown));
        Console.WriteLine($"Wrote {options.Output} ({total.Elapsed.TotalMinutes:0.0} min)");
        return 0;
    }
}
