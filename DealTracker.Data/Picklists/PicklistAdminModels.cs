using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Picklists;

/// <summary>One value as the admin page shows it: its place, its lifecycle, and how many records use it.</summary>
public sealed record PicklistAdminValue(long Id, string Category, string Value, int SortOrder, bool IsActive,
    bool NeedsReason, bool IsClosed, uint Version, int UseCount);

/// <summary>A category with its readable name and its values in order.</summary>
public sealed record PicklistAdminCategory(string Category, string DisplayName, IReadOnlyList<PicklistAdminValue> Values)
{
    public bool IsStages => Category == Entities.PicklistCategories.Stage;
}

/// <summary>A value and the version the admin saw, so a change made meanwhile by someone else is refused.</summary>
public sealed record PicklistValueRef(long Id, uint Version);

/// <summary>Where a value moves in its list.</summary>
public enum PicklistMove
{
    Up = -1,
    Down = 1,
}

/// <summary>The outcome of a merge: how many records moved to the replacement.</summary>
public sealed record PicklistMerged(string Removed, string Replacement, int MovedRows);

/// <summary>
/// A rename onto a value that already exists in the category. The admin may merge into the existing value instead.
/// </summary>
public sealed class PicklistValueExistsException(long existingId, string existingValue)
    : RuleViolationException($"\"{existingValue}\" already exists in this list. Merge into it instead?", "Value")
{
    public long ExistingId { get; } = existingId;
    public string ExistingValue { get; } = existingValue;
}
