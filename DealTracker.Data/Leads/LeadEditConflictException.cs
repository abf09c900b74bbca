using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Leads;

/// <summary>
/// The lead was saved by someone else after the user loaded it. <see cref="Current"/> is the lead as it is now;
/// saving again with it as the original deliberately keeps the user's version.
/// </summary>
public sealed class LeadEditConflictException(LeadForEdit current, IReadOnlyList<FieldChange> changes)
    : ConcurrencyConflictException(Describe(changes))
{
    public LeadForEdit Current { get; } = current;
    public IReadOnlyList<FieldChange> Changes { get; } = changes;

    private static string Describe(IReadOnlyList<FieldChange> changes) =>
        "Someone else saved this lead after you opened it. They changed: " +
        string.Join(", ", changes.Select(c => c.Field)) + ". Reload to see theirs, or keep yours.";
}
