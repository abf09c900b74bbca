namespace DealTracker.Data.History;

/// <summary>
/// Which events of a timeline to read: the kinds to show (<see cref="Entities.HistoryKinds"/>; empty means all), and
/// the page: the events before <see cref="Before"/>, at most <see cref="PageSize"/> of them.
/// </summary>
public sealed record TimelineQuery(IReadOnlyCollection<string>? Kinds = null, TimelineCursor? Before = null, int PageSize = TimelineQuery.DefaultPageSize)
{
    public const int DefaultPageSize = 30;
    public const int MaxPageSize = 200;
}
