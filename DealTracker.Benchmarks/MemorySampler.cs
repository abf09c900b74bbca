using System.Diagnostics;

namespace DealTracker.Benchmarks;

/// <summary>Samples the live managed heap and the process's working set every 50 ms and keeps the largest of each.</summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Timer _timer;
    private long _peakHeap;
    private long _peakWorkingSet;

    public MemorySampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(50));

    private void Sample()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        using var process = Process.GetCurrentProcess();
        var workingSet = process.WorkingSet64;
        lock (_timer)
        {
            _peakHeap = Math.Max(_peakHeap, heap);
            _peakWorkingSet = Math.Max(_peakWorkingSet, workingSet);
        }
    }

    public (long PeakHeap, long PeakWorkingSet) Stop()
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        Sample();
        lock (_timer)
            return (_peakHeap, _peakWorkingSet);
    }

    public void Dispose() => _timer.Dispose();
}
