using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Notes;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.History;

/// <summary>
/// Reads the history the database wrote, for the record pages. Visibility follows the record: a lead's timeline is
/// there for whoever may see the lead; a deal's shows the deal's own events and those of its leads the actor may see
/// (a deleted lead's events stay on its deal's timeline). Every page costs two statements: the visibility check and
/// one keyset read from an index, whatever the length of the history.
/// </summary>
public sealed class TimelineService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    private static readonly string[] PartyTypes =
        [HistoryRecordTypes.Organization, HistoryRecordTypes.Individual, HistoryRecordTypes.Contact];

    public async Task<TimelinePage> GetLeadTimelineAsync(long leadId, TimelineQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await Access.RequireLeadAsync(db, actor, leadId, ct);
        return await ReadAsync(db, db.HistoryEvents.Where(e => e.RecordType == HistoryRecordTypes.Lead && e.RecordId == leadId),
            query, ct);
    }

    public async Task<TimelinePage> GetDealTimelineAsync(long dealId, TimelineQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await Access.RequireDealAsync(db, actor, dealId, ct);
        var events = db.HistoryEvents.Where(e => e.DealId == dealId);
        if (!actor.IsManagerOrAdmin)
        {
            var visibleLeads = db.Leads.VisibleTo(actor);
            var allLeads = db.Leads;
            events = events.Where(e => e.RecordType != HistoryRecordTypes.Lead
                || visibleLeads.Any(l => l.Id == e.RecordId)
                || !allLeads.Any(l => l.Id == e.RecordId));
        }
        return await ReadAsync(db, events, query, ct);
    }

    /// <summary>An organization's, individual's or contact's own history (parties are visible to every user).</summary>
    public async Task<TimelinePage> GetPartyTimelineAsync(string recordType, long recordId, TimelineQuery query,
        CancellationToken ct = default)
    {
        if (!PartyTypes.Contains(recordType))
            throw new ArgumentOutOfRangeException(nameof(recordType), recordType, "Not a kind of party.");
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ReadAsync(db, db.HistoryEvents.Where(e => e.RecordType == recordType && e.RecordId == recordId), query, ct);
    }

    private static async Task<TimelinePage> ReadAsync(DealTrackerDbContext db, IQueryable<HistoryEvent> events, TimelineQuery query,
        CancellationToken ct)
    {
        var size = Math.Clamp(query.PageSize, 1, TimelineQuery.MaxPageSize);
        if (query.Kinds is { Count: > 0 } kinds)
        {
            var list = kinds.ToList();
            events = events.Where(e => list.Contains(e.Kind));
        }
        if (query.Before is { } before)
            events = events.Where(e => e.OccurredAt < before.OccurredAt || (e.OccurredAt == before.OccurredAt && e.Id < before.Id));
        var rows = await ProjectAsync(events.AsNoTracking()
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(size + 1), db, ct);
        var older = rows.Count > size ? TimelineCursor.After(rows[size - 1]) : null;
        return new TimelinePage(rows.Take(size).ToList(), older);
    }

    private static async Task<List<TimelineEntry>> ProjectAsync(IQueryable<HistoryEvent> events, DealTrackerDbContext db,
        CancellationToken ct) =>
        await events.Select(e => new TimelineEntry(
                e.Id, e.OccurredAt, e.ActorUserId, e.ActorName, e.RecordType, e.RecordId, e.RecordLabel, e.Kind, e.Action,
                e.Field, e.OldValue, e.NewValue, e.Detail,
                db.Notes.Where(n => n.Id == e.NoteId).Select(n => new NoteState(n.Id, n.Body, n.AuthorUserId, n.Version))
                    .FirstOrDefault()))
            .ToListAsync(ct);
}
