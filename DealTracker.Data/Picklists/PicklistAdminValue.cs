namespace DealTracker.Data.Picklists;

/// <summary>One value as the admin page shows it: its place, its lifecycle, and how many records use it.</summary>
public sealed record PicklistAdminValue(long Id, string Category, string Value, int SortOrder, bool IsActive,
    bool NeedsReason, bool IsClosed, uint Version, int UseCount);
