namespace DealTracker.Data.Infrastructure;

/// <summary>What a lookup or link needs of a record: its id and how people recognise it.</summary>
public sealed record Choice(long Id, string Name, string? Detail = null);
