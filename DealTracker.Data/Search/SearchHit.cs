namespace DealTracker.Data.Search;

/// <summary>One record found: what it is called and a line that tells it apart from others of the same name.</summary>
public sealed record SearchHit(SearchKind Kind, long Id, string Title, string? Detail);
