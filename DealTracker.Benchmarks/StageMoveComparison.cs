namespace DealTracker.Benchmarks;

/// <summary>
/// Stage moves with the history triggers and the same moves without them, how many events each wrote, and (median,
/// inside PostgreSQL) the history triggers' own time per move against the time of the move's two UPDATEs.
/// </summary>
public sealed record StageMoveComparison(Stats With, Stats Without, double EventsPerMoveWith, double EventsPerMoveWithout,
    IReadOnlyList<string> Triggers, double HistoryTriggersMs, double UpdatesMs)
{
    public double P95Ratio => With.P95 / Without.P95;
    public double P50Ratio => With.P50 / Without.P50;
}
