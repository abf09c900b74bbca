namespace DealTracker.Data.Infrastructure;

/// <summary>One page of a list, with how many rows match in all.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Total);
