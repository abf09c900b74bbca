namespace DealTracker.Data.History;

/// <summary>A position in a timeline: the next page holds the events before this one (time, then id).</summary>
public sealed record TimelineCursor(DateTime OccurredAt, long Id)
{
    public static TimelineCursor After(TimelineEntry entry) => new(entry.OccurredAt, entry.Id);
}
