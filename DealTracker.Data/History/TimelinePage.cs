namespace DealTracker.Data.History;

/// <summary>Newest first. <see cref="Older"/> is where "show older" continues, or null at the first event.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, TimelineCursor? Older);
