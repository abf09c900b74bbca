namespace DealTracker.Data.Picklists;

public sealed record PicklistOption(long Id, string Value, int SortOrder, bool IsActive, bool NeedsReason, bool IsClosed);
