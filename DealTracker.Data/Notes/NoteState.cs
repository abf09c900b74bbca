namespace DealTracker.Data.Notes;

/// <summary>A note as it is now (for its timeline entry): what it says, who wrote it, and the version to edit against.</summary>
public sealed record NoteState(long Id, string Body, long? AuthorUserId, uint Version);
