namespace DealTracker.Data.Search;

/// <summary>The first records of one kind that match, and how many match in all.</summary>
public sealed record SearchGroup(SearchKind Kind, IReadOnlyList<SearchHit> Hits, int Total);
