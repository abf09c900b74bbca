namespace DealTracker.Data.Entities;

/// <summary>What a timeline filters on (<see cref="HistoryEvent.Kind"/>).</summary>
public static class HistoryKinds
{
    public const string Change = "change";
    public const string Note = "note";
    public const string NextStep = "next_step";
}
