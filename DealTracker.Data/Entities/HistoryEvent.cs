namespace DealTracker.Data.Entities;

/// <summary>
/// One recorded change (table <c>history_events</c>). Written only by the database's triggers, in the transaction of
/// the change, and never updated or deleted; it keeps no foreign key, so it outlives the record and the actor.
/// </summary>
public class HistoryEvent
{
    public long Id { get; set; }

    /// <summary>When the change was committed (the transaction's time; the app cannot choose it).</summary>
    public DateTime OccurredAt { get; set; }

    /// <summary>The signed-in user who acted; null for the system and for plain SQL.</summary>
    public long? ActorUserId { get; set; }

    /// <summary>The actor's name at the time, "database" for a change made outside the app.</summary>
    public required string ActorName { get; set; }

    /// <summary>One of <see cref="HistoryRecordTypes"/>.</summary>
    public required string RecordType { get; set; }
    public long RecordId { get; set; }

    /// <summary>The record's title or name at the time, so the event still reads well after a delete.</summary>
    public string? RecordLabel { get; set; }

    /// <summary>The deal the record belonged to (a deal's own id, a lead's deal), for the deal's timeline.</summary>
    public long? DealId { get; set; }

    /// <summary>One of <see cref="HistoryKinds"/>: what a timeline filters on.</summary>
    public required string Kind { get; set; }

    /// <summary>One of <see cref="HistoryActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>The column (or link, e.g. <c>organization.relationship</c>) that changed; null for create and delete.</summary>
    public string? Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }

    /// <summary>The note a note event is about (it may since have been edited or deleted).</summary>
    public long? NoteId { get; set; }

    /// <summary>Context for the sentence: a lost reason with a stage move, the party a link change is about.</summary>
    public string? Detail { get; set; }
}
