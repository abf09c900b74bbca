using System.Diagnostics;
using DealTracker.Data.Export;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Benchmarks;

/// <summary>
/// The /leads export of every lead, as a manager, through <see cref="ExportService"/> into a stream that keeps nothing:
/// one warm-up, one timed run (rows per second), then one run while a sampler forces a full collection every 50 ms
/// and keeps the largest live heap (peak growth over the heap before it started). Flat memory means this stays the
/// size of one batch of rows whatever the number of leads.
/// </summary>
public sealed class ExportBenchmark(string connectionString, long managerId)
{
    public async Task<ExportResult> RunAsync()
    {
        await using var services = Services.Build(connectionString, ActingUser.Manager(managerId));
        async Task<(int Rows, long Bytes)> ExportAsync()
        {
            await using var scope = services.CreateAsyncScope();
            var output = new CountingStream();
            var rows = await scope.ServiceProvider.GetRequiredService<ExportService>().WriteLeadsAsync(new LeadListQuery(), output);
            return (rows, output.Length);
        }

        await ExportAsync();
        var timer = Stopwatch.StartNew();
        var (rows, bytes) = await ExportAsync();
        timer.Stop();

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(50);
            }
        });
        await ExportAsync();
        await stop.CancelAsync();
        await sampler;
        return new ExportResult(rows, timer.Elapsed.TotalSeconds, bytes, (peak - baseline) / 1024.0 / 1024.0);
    }
}
