using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using DealTracker.Data.Search;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Leads;

/// <summary>
/// The /leads list: paged, sorted by a fixed set of columns, searched on the server (<see cref="LeadSearch"/>). Two queries a page. Scoped: it
/// lists (and counts) only the leads the acting user may see.
/// </summary>
public sealed class LeadQueries(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    public const int MaxPageSize = 100;

    public async Task<PageOf<LeadListRow>> ListAsync(LeadListQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var leads = Filtered(db, query);
        var total = await CountAsync(db, query, leads, ct);

        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = await Sorted(db, leads, query).Skip(Math.Max(0, query.Page) * size).Take(size).ToListAsync(ct);
        return new PageOf<LeadListRow>(
            page.Select(r => new LeadListRow(r.Id, r.Title, r.DealId, r.DealName, r.Stage, r.Party, r.UpdatedAt,
                r.OwnerUserId, r.OwnerName, r.ValueAmount, r.ValueCurrency, r.Probability, r.CloseDate, r.MayOpenDeal)).ToList(),
            total);
    }

    /// <summary>The ids of every lead the list shows for <paramref name="query"/> (all pages), in the list's order.</summary>
    internal IQueryable<long> OrderedIds(DealTrackerDbContext db, LeadListQuery query) =>
        Sorted(db, Filtered(db, query), query).Select(r => r.Id);

    /// <summary>
    /// A search filtered by owner at most is counted from the search texts alone (they carry the lead's owner, so the
    /// same visibility and owner rules apply to them), without reading a lead; any other filter counts the leads.
    /// </summary>
    private Task<int> CountAsync(DealTrackerDbContext db, LeadListQuery query, IQueryable<Lead> leads, CancellationToken ct) =>
        query.DealId is null && Text.Clean(query.Stage) is null && SearchPattern.Contains(query.Search) is { } p
            ? LeadSearch.Matching(db, p).VisibleTo(actor).OwnedAs(actor, query.Owner, query.OwnerUserId).CountAsync(ct)
            : leads.CountAsync(ct);

    private IQueryable<Lead> Filtered(DealTrackerDbContext db, LeadListQuery query)
    {
        var leads = db.Leads.AsNoTracking().VisibleTo(actor);
        leads = leads.OwnedAs(actor, query.Owner, query.OwnerUserId);
        if (query.DealId is { } dealId)
            leads = leads.Where(l => l.DealId == dealId);
        if (Text.Clean(query.Stage) is { } stage)
            leads = leads.Where(l => l.Status!.Stage == stage);
        if (SearchPattern.Contains(query.Search) is { } p)
        {
            var matching = LeadSearch.MatchingLeadIds(db, p);
            leads = leads.Where(l => matching.Contains(l.Id));
        }
        return leads;
    }

    private IQueryable<LeadListProjection> Sorted(DealTrackerDbContext db, IQueryable<Lead> leads, LeadListQuery query)
    {
        var openable = db.Deals.VisibleTo(actor); // a deal seen only through a lead is listed, not linked
        // A join (not a subquery per row) gives each lead its stage's place in the picklist order.
        var rows = from l in leads
            join s in db.Picklists.Where(s => s.Category == PicklistCategories.Stage) on l.Status!.Stage equals s.Value into stages
            from s in stages.DefaultIfEmpty()
            select new LeadListProjection
        {
            Id = l.Id, Title = l.Title, DealId = l.DealId, DealName = l.Deal.Name,
            Stage = l.Status != null ? l.Status.Stage : "",
            StageOrder = (int?)s.SortOrder,
            Party = LeadParty.NameOf(l.Id),
            UpdatedAt = l.UpdatedAt,
            ValueAmount = l.Deal.ValueAmount, ValueCurrency = l.Deal.ValueCurrency,
            Probability = l.Deal.Probability, CloseDate = l.Deal.CloseDate,
            OwnerUserId = l.OwnerUserId,
            OwnerName = db.Users.Where(u => u.Id == l.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault(),
            MayOpenDeal = openable.Any(d => d.Id == l.DealId),
        };
        var desc = query.Descending;
        var sorted = query.Sort switch
        {
            LeadSort.Title => desc ? rows.OrderByDescending(r => r.Title) : rows.OrderBy(r => r.Title),
            LeadSort.Deal => desc ? rows.OrderByDescending(r => r.DealName) : rows.OrderBy(r => r.DealName),
            LeadSort.Stage => desc ? rows.OrderByDescending(r => r.StageOrder).ThenByDescending(r => r.Stage)
                                   : rows.OrderBy(r => r.StageOrder).ThenBy(r => r.Stage),
            LeadSort.PrimaryParty => desc ? rows.OrderByDescending(r => r.Party) : rows.OrderBy(r => r.Party),
            LeadSort.Value => desc ? rows.OrderByDescending(r => r.ValueAmount) : rows.OrderBy(r => r.ValueAmount),
            LeadSort.Probability => desc ? rows.OrderByDescending(r => r.Probability) : rows.OrderBy(r => r.Probability),
            LeadSort.CloseDate => desc ? rows.OrderByDescending(r => r.CloseDate) : rows.OrderBy(r => r.CloseDate),
            _ => desc ? rows.OrderByDescending(r => r.UpdatedAt) : rows.OrderBy(r => r.UpdatedAt),
        };
        return desc ? sorted.ThenByDescending(r => r.Id) : sorted.ThenBy(r => r.Id);
    }
}
