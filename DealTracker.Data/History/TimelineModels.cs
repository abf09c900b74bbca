namespace DealTracker.Data.History;

/// <summary>
/// One event as a timeline shows it. <see cref="RecordLabel"/> names the record at the time of the event; for a note's
/// events <see cref="Note"/> is the note as it is now (null once deleted).
/// </summary>
public sealed record TimelineEntry(
    long Id,
    DateTime OccurredAt,
    long? ActorUserId,
    string ActorName,
    string RecordType,
    long RecordId,
    string? RecordLabel,
    string Kind,
    string Action,
    string? Field,
    string? OldValue,
    string? NewValue,
    string? Detail,
    Notes.NoteState? Note = null);
