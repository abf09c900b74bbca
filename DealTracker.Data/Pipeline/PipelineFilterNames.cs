namespace DealTracker.Data.Pipeline;

/// <summary>The names behind a filter's ids, to show a bookmarked view's choices.</summary>
public sealed record PipelineFilterNames(string? Deal, string? Organization, string? Individual);
