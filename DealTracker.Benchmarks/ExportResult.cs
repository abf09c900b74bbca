namespace DealTracker.Benchmarks;

/// <summary>One export of every lead: rows, time, file size and the managed heap's peak growth while it ran.</summary>
public sealed record ExportResult(int Rows, double Seconds, long Bytes, double PeakGrowthMegabytes)
{
    public double RowsPerSecond => Rows / Seconds;
}
