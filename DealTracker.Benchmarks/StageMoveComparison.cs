namespace DealTracker.Benchmarks;

/// <summary>Stage moves with the history triggers and the same moves without them, and how many events each wrote.</summary>
public sealed record StageMoveComparison(Stats With, Stats Without, double EventsPerMoveWith, double EventsPerMoveWithout,
    IReadOnlyList<string> Triggers)
{
    public double P95Ratio => With.P95 / Without.P95;
    public double P50Ratio => With.P50 / Without.P50;
}
