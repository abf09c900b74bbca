using BenchmarkDotNet.Attributes;
using DealTracker.Data.Identity;
using DealTracker.Data.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealTracker.Benchmarks;

/// <summary>
/// The board's first load through the data service (as a manager, who sees every lead) against the raw-SQL limit.
/// Runs in this process (BenchmarkDotNet's in-process toolchain), over the scratch database the program prepared.
/// </summary>
public class BoardReadBenchmarks
{
    /// <summary>Set by the program before each run: the scratch database and the manager's id.</summary>
    public static (string ConnectionString, long ManagerId) Target { get; set; }

    private ServiceProvider _services = null!;
    private NpgsqlDataSource _raw = null!;

    [GlobalSetup]
    public void Setup()
    {
        _services = Services.Build(Target.ConnectionString, ActingUser.Manager(Target.ManagerId));
        // JIT compilation of a statement costs more than running it at these sizes; an OLTP read turns it off.
        _raw = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(Target.ConnectionString) { Options = "-c jit=off" }.ConnectionString);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _raw.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw SQL")]
    public Task<List<RawBoardQuery.Row>> RawSql() => RawBoardQuery.ReadAsync(_raw);

    [Benchmark(Description = "service")]
    public async Task<PipelineBoardData> Service()
    {
        using var scope = _services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PipelineService>().LoadBoardAsync(new PipelineFilter());
    }
}
