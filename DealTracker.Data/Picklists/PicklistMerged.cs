namespace DealTracker.Data.Picklists;

/// <summary>The outcome of a merge: how many records moved to the replacement.</summary>
public sealed record PicklistMerged(string Removed, string Replacement, int MovedRows);
