using System.Globalization;
using DealTracker.Data.Entities;
using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Seeding;

/// <summary>
/// A believable, deterministic past for the demo leads, written through the real triggers as the schema owner, who alone
/// may backdate events (<c>dealtracker.backdate_to</c>): each lead is created in the first stage about two months ago and
/// walks, move by move and by its owner's hand, to the stage the sample gave it; some get a note, and open leads get a
/// next step, some of them overdue. The same day gives the same history.
/// </summary>
internal sealed class DemoHistory(DealTrackerDbContext db)
{
    private static readonly string[] NoteTexts =
    [
        "Intro call went well. They want pricing for two teams.\nFollow-up deck: https://example.com/deck",
        "Spoke to procurement: budget is approved for Q1, legal review takes two weeks.",
        "Champion is moving teams next month. Need a second contact.",
        "Sent the revised proposal with the volume discount.",
    ];

    private static readonly string[] NextSteps =
        ["Call to confirm the budget", "Send the revised quote", "Book a demo with the team", "Check in after the trial"];

    /// <summary>The stage each lead should end in, taken from the sample before it is saved: the leads start in the first stage.</summary>
    public static List<(Lead Lead, string Stage, string? Reason)> StartInFirstStage(IEnumerable<Lead> leads, string firstStage)
    {
        var targets = new List<(Lead, string, string?)>();
        foreach (var lead in leads.Where(l => l.Status is not null))
        {
            targets.Add((lead, lead.Status!.Stage, lead.Status.Reason));
            (lead.Status.Stage, lead.Status.Reason) = (firstStage, null);
        }
        return targets;
    }

    public async Task WriteAsync(IReadOnlyList<(Lead Lead, string Stage, string? Reason)> targets, DateTime created, DateTime utcNow,
        CancellationToken ct)
    {
        var stages = await db.Picklists.AsNoTracking().Where(p => p.Category == PicklistCategories.Stage)
            .OrderBy(p => p.SortOrder).ToListAsync(ct);
        var today = DateOnly.FromDateTime(utcNow);
        foreach (var (lead, stage, reason) in targets.OrderBy(t => t.Lead.Id))
        {
            var id = lead.Id;
            var actor = lead.OwnerUserId?.ToString(CultureInfo.InvariantCulture) ?? DbWork.SystemActor;
            var path = Path(stages, stage);
            // The last move happened 0-39 days ago (as before history existed); earlier ones every 2-6 days before it.
            var arrived = WholeSeconds(utcNow).AddDays(-(id * 7919 % 40)).AddHours(-(id * 31 % 24));
            var gap = TimeSpan.FromDays(2 + id % 5);
            if (path.Count == 1)
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE lead_status SET updated_at = {created}, stage_entered_at = {created} WHERE lead_id = {id}", ct);
            for (var step = 1; step < path.Count; step++)
            {
                var at = arrived - gap * (path.Count - 1 - step);
                var last = step == path.Count - 1;
                await AsAsync(actor, at, ct);
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE lead_status SET stage = {path[step]}, reason = {(last ? reason : null)}, updated_at = {at},
                           stage_entered_at = {at}
                    WHERE lead_id = {id}
                    """, ct);
            }
            if (id % 3 == 0)
            {
                var at = arrived.AddHours(1);
                await AsAsync(actor, at, ct);
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO notes (lead_id, author_user_id, body, created_at, updated_at)
                    VALUES ({id}, {lead.OwnerUserId}, {NoteTexts[id % NoteTexts.Length]}, {at}, {at})
                    """, ct);
            }
            var closed = stages.FirstOrDefault(s => s.Value == stage)?.IsClosed ?? false;
            if (!closed && id % 2 == 0)
            {
                // Due from three days ago to six days ahead: some overdue, some today, most later this week or next.
                var due = today.AddDays((int)(id % 10) - 3);
                TimeOnly? time = id % 4 == 0 ? new TimeOnly(9 + (int)(id % 8), 0) : null;
                await AsAsync(actor, arrived.AddHours(2), ct);
                await db.Database.ExecuteSqlAsync($"""
                    UPDATE leads SET next_step = {NextSteps[id % NextSteps.Length]}, next_step_due_on = {due},
                           next_step_due_time = {time}
                    WHERE id = {id}
                    """, ct);
            }
        }
        await db.Database.ExecuteSqlRawAsync("SELECT set_config('dealtracker.backdate_to', '', true)", ct);
    }

    /// <summary>The first stage, the open stages before <paramref name="stage"/> in board order, then the stage itself.</summary>
    private static List<string> Path(IReadOnlyList<PicklistValue> stages, string stage)
    {
        var target = stages.FirstOrDefault(s => s.Value == stage);
        var path = stages.Where(s => target is not null && s.SortOrder < target.SortOrder && !s.IsClosed && s.IsActive)
            .Select(s => s.Value).ToList();
        if (path.Count == 0 || path[^1] != stage)
            path.Add(stage);
        return path;
    }

    /// <summary>Event times travel as text and as parameters: whole seconds read the same both ways.</summary>
    private static DateTime WholeSeconds(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private Task AsAsync(string actor, DateTime at, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            SELECT set_config('dealtracker.actor', {actor}, true),
                   set_config('dealtracker.backdate_to', {at.ToString("O", CultureInfo.InvariantCulture)}, true)
            """, ct);
}
