using System.Runtime.CompilerServices;
using DealTracker.Data.Deals;
using DealTracker.Data.Identity;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Export;

/// <summary>The deals of /deals for its search and owner filter (all pages, its order), <see cref="IdBatches.Size"/> at a time.</summary>
public sealed class DealExportReader(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor, DealService deals)
{
    public async IAsyncEnumerable<DealExportRow> ReadAsync(string? search, OwnerFilter owner, long? ownerUserId,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var idsDb = await factory.CreateDbContextAsync(ct);
        var ids = DealService.InListOrder(deals.Matching(idsDb, search, owner, ownerUserId)).Select(d => d.Id).AsAsyncEnumerable();
        await using var db = await factory.CreateDbContextAsync(ct);
        await foreach (var row in IdBatches.LoadAsync(ids, batch => LoadAsync(db, batch, ct), ct))
            yield return row;
    }

    private Task<Dictionary<long, DealExportRow>> LoadAsync(DealTrackerDbContext db, long[] ids, CancellationToken ct)
    {
        var visibleLeads = db.Leads.VisibleTo(actor);
        return db.Deals.AsNoTracking().AsSplitQuery().VisibleTo(actor).Where(d => ids.Contains(d.Id))
            .Select(d => new DealExportRow(d.Id, d.Name, d.Description, d.ValueAmount, d.ValueCurrency, d.Probability,
                d.CloseDate, db.Users.Where(u => u.Id == d.OwnerUserId).Select(u => u.Email).FirstOrDefault(),
                visibleLeads.Where(l => l.DealId == d.Id).OrderBy(l => l.Id).Select(l => l.Id).ToList(),
                d.CreatedAt, d.UpdatedAt))
            .ToDictionaryAsync(r => r.Id, ct);
    }
}
