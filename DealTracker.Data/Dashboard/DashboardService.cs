using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Ownership;
using DealTracker.Data.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Dashboard;

/// <summary>
/// The home page's figures, straight from the database in a fixed number of queries whatever its size. They cover
/// what the acting user may see: everything for managers and admins; for Sales, their own plus unassigned leads and
/// deals.
/// </summary>
public sealed class DashboardService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    public async Task<DashboardFigures> GetFiguresAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var leads = db.Leads.VisibleTo(actor);
        var deals = db.Deals.VisibleTo(actor);
        var statuses = db.LeadStatuses.Where(s => leads.Any(l => l.Id == s.LeadId));

        var stages = await db.Picklists.AsNoTracking()
            .Where(p => p.Category == PicklistCategories.Stage)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new { p.Value, p.IsActive, p.IsClosed, Leads = statuses.Count(s => s.Stage == p.Value) })
            .ToListAsync(ct);
        var perStage = stages.Select(s => new StageCount(s.Value, s.Leads, s.IsActive, s.IsClosed)).ToList();

        // A lead whose stage is not (or no longer) in the list is still counted, never hidden.
        var unknown = await statuses.AsNoTracking()
            .Where(s => !db.Picklists.Any(p => p.Category == PicklistCategories.Stage && p.Value == s.Stage))
            .GroupBy(s => s.Stage).Select(g => new { Stage = g.Key, Leads = g.Count() })
            .ToListAsync(ct);
        perStage.AddRange(unknown.OrderBy(u => u.Stage).Select(u => new StageCount(u.Stage, u.Leads, false, false)));

        var open = await OpenMoney.ReadAsync(db, PipelineQuery.AllVisibleTo(actor), ct);

        var dealCount = await deals.CountAsync(ct);
        return new DashboardFigures(dealCount, perStage.Sum(s => s.Leads), perStage,
            open);
    }
}
