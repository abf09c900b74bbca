using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.NextSteps;

/// <summary>
/// A lead's next step: set, change or complete it (anyone who may edit the lead); the database records each as history.
/// A step in the past is allowed and shows as overdue.
/// </summary>
public sealed class NextStepService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor, AppClock clock)
{
    public async Task<NextStepView?> GetAsync(long leadId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.Now;
        var row = await db.Leads.VisibleTo(actor).AsNoTracking().Where(l => l.Id == leadId && l.NextStep != null)
            .Select(l => new { l.Id, l.Title, l.NextStep, l.NextStepDueOn, l.NextStepDueTime }).FirstOrDefaultAsync(ct);
        return row is null
            ? null
            : new NextStepView(row.Id, row.Title, row.NextStep!, row.NextStepDueOn!.Value, row.NextStepDueTime,
                NextStepRules.IsOverdue(row.NextStepDueOn.Value, row.NextStepDueTime, now));
    }

    public Task SetAsync(long leadId, NextStepInput input, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            var (what, dueOn, dueTime) = NextStepRules.Require(input);
            await Access.RequireLeadAsync(db, actor, leadId, ct);
            await db.Leads.Where(l => l.Id == leadId).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.NextStep, what).SetProperty(l => l.NextStepDueOn, dueOn)
                .SetProperty(l => l.NextStepDueTime, dueTime).SetProperty(l => l.UpdatedAt, DateTime.UtcNow), ct);
        }, ct);

    /// <summary>Marks the next step done: it leaves the lead and its completion is history.</summary>
    public Task CompleteAsync(long leadId, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            await Access.RequireLeadAsync(db, actor, leadId, ct);
            await db.Leads.Where(l => l.Id == leadId && l.NextStep != null).ExecuteUpdateAsync(s => s
                .SetProperty(l => l.NextStep, (string?)null).SetProperty(l => l.NextStepDueOn, (DateOnly?)null)
                .SetProperty(l => l.NextStepDueTime, (TimeOnly?)null).SetProperty(l => l.UpdatedAt, DateTime.UtcNow), ct);
        }, ct);

    /// <summary>The signed-in user's next steps on leads they own that are due today or overdue, soonest first.</summary>
    public async Task<IReadOnlyList<NextStepView>> GetMineDueAsync(CancellationToken ct = default)
    {
        if (actor.UserId is not { } me)
            return [];
        var now = clock.Now;
        var today = DateOnly.FromDateTime(now);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Leads.AsNoTracking()
            .Where(l => l.OwnerUserId == me && l.NextStep != null && l.NextStepDueOn <= today)
            .OrderBy(l => l.NextStepDueOn).ThenBy(l => l.NextStepDueTime).ThenBy(l => l.Id)
            .Select(l => new { l.Id, l.Title, l.NextStep, l.NextStepDueOn, l.NextStepDueTime })
            .Take(100).ToListAsync(ct);
        return rows.Select(r => new NextStepView(r.Id, r.Title, r.NextStep!, r.NextStepDueOn!.Value, r.NextStepDueTime,
            NextStepRules.IsOverdue(r.NextStepDueOn.Value, r.NextStepDueTime, now))).ToList();
    }
}
