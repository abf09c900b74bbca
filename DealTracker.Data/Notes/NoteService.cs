using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Notes;

/// <summary>
/// Notes on leads and deals. Anyone who may see the record may add one; its author may edit or delete it, managers and
/// admins any note. An edit names the version the user saw: a note changed or deleted meanwhile is refused with a
/// message, and the user's text stays with them. The database records every add, edit and delete as history.
/// </summary>
public sealed class NoteService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    public const string ChangedMeanwhile =
        "Someone else changed this note after you opened it. Your text is still here: copy it, then reload to see theirs.";

    public const string DeletedMeanwhile = "This note was deleted meanwhile. Your text is still here: copy it if you need it.";

    /// <summary>Whether <paramref name="user"/> may edit or delete a note written by <paramref name="authorUserId"/>.</summary>
    public static bool MayChange(IActingUser user, long? authorUserId) =>
        user.IsManagerOrAdmin || (authorUserId is not null && authorUserId == user.UserId);

    /// <summary>A note's text as it will be saved: line breaks kept, blank edges trimmed, 1 to 10,000 characters.</summary>
    public static string RequireBody(string? body)
    {
        var text = body?.Trim() ?? "";
        if (text.Length == 0)
            throw new RuleViolationException("Write something in the note first.", "Body");
        if (text.Length > Note.BodyMaxLength)
            throw new RuleViolationException(
                $"A note can be at most {Note.BodyMaxLength:N0} characters; this one has {text.Length:N0}.", "Body");
        return text;
    }

    public Task<long> AddAsync(NoteTarget target, string? body, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            var text = RequireBody(body);
            await RequireRecordAsync(db, target.RecordType, target.RecordId, ct);
            var note = new Note
            {
                Body = text, AuthorUserId = actor.UserId,
                LeadId = target.RecordType == HistoryRecordTypes.Lead ? target.RecordId : null,
                DealId = target.RecordType == HistoryRecordTypes.Deal ? target.RecordId : null,
            };
            db.Notes.Add(note);
            await db.SaveChangesAsync(ct);
            return note.Id;
        }, ct);

    public Task<uint> UpdateAsync(long noteId, uint expectedVersion, string? body, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            var text = RequireBody(body);
            var note = await FindChangeableAsync(db, noteId, expectedVersion, ct);
            note.Body = text;
            await db.SaveChangesAsync(ct);
            return note.Version;
        }, ct);

    public Task DeleteAsync(long noteId, uint expectedVersion, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            var note = await FindChangeableAsync(db, noteId, expectedVersion, ct);
            db.Notes.Remove(note);
            await db.SaveChangesAsync(ct);
        }, ct);

    private async Task<Note> FindChangeableAsync(DealTrackerDbContext db, long noteId, uint expectedVersion, CancellationToken ct)
    {
        // Hold the note until commit, so two people saving it cannot both pass the version check.
        await db.Database.ExecuteSqlAsync($"SELECT id FROM notes WHERE id = {noteId} FOR UPDATE", ct);
        var note = await db.Notes.FirstOrDefaultAsync(n => n.Id == noteId, ct)
            ?? throw new RecordNotFoundException(DeletedMeanwhile);
        if (note.LeadId is { } lead)
            await Access.RequireLeadAsync(db, actor, lead, ct);
        else
            await Access.RequireDealAsync(db, actor, note.DealId!.Value, ct);
        if (!MayChange(actor, note.AuthorUserId))
            throw new RuleViolationException("Only its author or a manager can change this note.");
        if (note.Version != expectedVersion)
            throw new ConcurrencyConflictException(ChangedMeanwhile);
        return note;
    }

    private Task RequireRecordAsync(DealTrackerDbContext db, string recordType, long recordId, CancellationToken ct) =>
        recordType switch
        {
            HistoryRecordTypes.Lead => Access.RequireLeadAsync(db, actor, recordId, ct),
            HistoryRecordTypes.Deal => Access.RequireDealAsync(db, actor, recordId, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(recordType), recordType, "Notes go on leads and deals."),
        };
}
