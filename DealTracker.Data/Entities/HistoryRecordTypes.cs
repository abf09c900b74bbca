namespace DealTracker.Data.Entities;

/// <summary>The records that have a history (<see cref="HistoryEvent.RecordType"/>).</summary>
public static class HistoryRecordTypes
{
    public const string Lead = "lead";
    public const string Deal = "deal";
    public const string Organization = "organization";
    public const string Individual = "individual";
    public const string Contact = "contact";
}
