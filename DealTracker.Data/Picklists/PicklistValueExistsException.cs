using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Picklists;

/// <summary>
/// A rename onto a value that already exists in the category. The admin may merge into the existing value instead.
/// </summary>
public sealed class PicklistValueExistsException(long existingId, string existingValue)
    : RuleViolationException($"\"{existingValue}\" already exists in this list. Merge into it instead?", "Value")
{
    public long ExistingId { get; } = existingId;
    public string ExistingValue { get; } = existingValue;
}
