namespace DealTracker.Data.Picklists;

/// <summary>A value and the version the admin saw, so a change made meanwhile by someone else is refused.</summary>
public sealed record PicklistValueRef(long Id, uint Version);
