namespace DealTracker.Data.Entities;

/// <summary>What happened (<see cref="HistoryEvent.Action"/>).</summary>
public static class HistoryActions
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string Linked = "linked";
    public const string Unlinked = "unlinked";

    /// <summary>A next step was done (and cleared).</summary>
    public const string Completed = "completed";

    /// <summary>Written once by the migration for records that existed before history did: "in stage X since …".</summary>
    public const string Baseline = "baseline";
}
