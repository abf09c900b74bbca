namespace DealTracker.Data.Pipeline;

/// <summary>A deal, organization or individual offered by a filter's search box.</summary>
public sealed record PipelineFilterOption(long Id, string Name);
