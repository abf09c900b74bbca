using DealTracker.Data.Ownership;
using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Leads;

/// <summary>An organization or individual on a lead as the editor shows it.</summary>
public sealed record LeadPartyRow(long PartyId, string Name, string? Detail, string? Relationship, bool IsPrimary);

/// <summary>A contact on a lead as the editor shows it: the person, and where they work.</summary>
public sealed record LeadContactRow(long ContactId, string Name, string? Detail, string? RoleOnLead, bool IsPrimary);

/// <summary>
/// A lead as loaded for editing, with the versions (xmin) of the lead and its status row. Handed back unchanged
/// on save, it is what "the user saw": the save refuses if the database has moved on since.
/// </summary>
public sealed record LeadForEdit(
    long Id, long DealId, string DealName, string Title, string? Description, string? Source, string Stage,
    string? Reason, DateTime UpdatedAt, uint Version, uint? StatusVersion,
    IReadOnlyList<LeadPartyRow> Organizations, IReadOnlyList<LeadPartyRow> Individuals,
    IReadOnlyList<LeadContactRow> Contacts, long? OwnerUserId = null, string? OwnerName = null);

/// <summary>What the editor saves: the lead's fields and the full set of its party rows.</summary>
public sealed record LeadChanges(
    long DealId, string Title, string? Description, string? Source, string Stage, string? Reason,
    IReadOnlyList<PartyLink> Organizations, IReadOnlyList<PartyLink> Individuals, IReadOnlyList<ContactLink> Contacts,
    long? OwnerUserId = null);

/// <summary>One field someone else changed: what the user had loaded, and what it is now.</summary>
public sealed record FieldChange(string Field, string? Before, string? Now);

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

public enum LeadSort { UpdatedAt, Title, Deal, Stage, PrimaryParty, Value, Probability, CloseDate }

public sealed record LeadListQuery(
    string? Search = null, string? Stage = null, LeadSort Sort = LeadSort.UpdatedAt, bool Descending = true,
    int Page = 0, int PageSize = 25, long? DealId = null, OwnerFilter Owner = OwnerFilter.Anyone, long? OwnerUserId = null);

/// <summary>
/// One row of /leads: the primary organization (or else individual) names who the lead is with; value, probability and
/// close date are its deal's.
/// </summary>
public sealed record LeadListRow(long Id, string Title, long DealId, string DealName, string Stage, string? PrimaryParty,
    DateTime UpdatedAt, long? OwnerUserId = null, string? OwnerName = null,
    decimal? ValueAmount = null, string? ValueCurrency = null, decimal? Probability = null, DateOnly? CloseDate = null);
