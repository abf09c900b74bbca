using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using DealTracker.Data.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Deals;

/// <summary>
/// Deals: create, edit, delete (with their leads), list with totals per currency, and look up by name. Scoped: every
/// call acts as <paramref name="actor"/>; a deal (or lead) the actor may not see is "not found or not yours".
/// </summary>
public sealed class DealService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    public Task<long> CreateDealAsync(DealInput input, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            var deal = new Deal { Name = "" };
            Apply(deal, input);
            deal.OwnerUserId = Access.OwnerForNew(actor, input.OwnerUserId);
            if (deal.OwnerUserId != actor.UserId)
                await OwnershipService.RequireActiveUserAsync(db, deal.OwnerUserId, ct);
            db.Deals.Add(deal);
            await db.SaveChangesAsync(ct);
            return deal.Id;
        }, ct);

    /// <summary>Saves the deal if nobody changed it since <paramref name="expectedVersion"/>; returns the new version.</summary>
    public Task<uint> UpdateDealAsync(long dealId, uint expectedVersion, DealInput input, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            await Access.RequireDealAsync(db, actor, dealId, ct);
            var deal = await db.Deals.FirstOrDefaultAsync(d => d.Id == dealId, ct)
                ?? throw new RecordNotFoundException("This deal no longer exists: someone deleted it.");
            if (deal.Version != expectedVersion)
                throw new ConcurrencyConflictException("Someone else saved this deal after you opened it. Reload to see their changes.");
            Apply(deal, input);
            OwnerChange.Require(actor, deal.OwnerUserId, input.OwnerUserId, "deal");
            if (input.OwnerUserId != deal.OwnerUserId)
                await OwnershipService.RequireActiveUserAsync(db, input.OwnerUserId, ct);
            deal.OwnerUserId = input.OwnerUserId;
            db.Entry(deal).State = EntityState.Modified;
            await db.SaveChangesAsync(ct);
            return deal.Version;
        }, ct);

    /// <summary>How many leads go when the deal is deleted (all of them, also those the actor cannot see).</summary>
    public async Task<int> CountLeadsAsync(long dealId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await Access.RequireDealAsync(db, actor, dealId, ct);
        return await db.Leads.CountAsync(l => l.DealId == dealId, ct);
    }

    /// <summary>Deletes the deal; its leads, their statuses and links go with it (the database cascades).</summary>
    public Task DeleteDealAsync(long dealId, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            if (await db.Deals.VisibleTo(actor).Where(d => d.Id == dealId).ExecuteDeleteAsync(ct) == 0)
                await Access.RequireDealAsync(db, actor, dealId, ct);
        }, ct);

    /// <summary>
    /// The deal with its owner and the leads the actor may see, with their stages; null when it does not exist. A deal
    /// the actor may not see throws <see cref="RecordNotFoundException"/> ("not found, or it is not yours").
    /// </summary>
    public async Task<DealDetails?> GetDealAsync(long dealId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Deals.AnyAsync(d => d.Id == dealId, ct))
            return null;
        await Access.RequireDealAsync(db, actor, dealId, ct);
        var visibleLeads = db.Leads.VisibleTo(actor);
        return await db.Deals.AsNoTracking().Where(d => d.Id == dealId)
            .Select(d => new DealDetails(d.Id, d.Name, d.Description, d.ValueAmount, d.ValueCurrency, d.Probability,
                d.CloseDate, d.UpdatedAt, d.Version,
                visibleLeads.Where(l => l.DealId == d.Id).OrderBy(l => l.Title).ThenBy(l => l.Id)
                    .Select(l => new DealLeadRow(l.Id, l.Title, l.Status != null ? l.Status.Stage : "", l.UpdatedAt)).ToList(),
                d.OwnerUserId, db.Users.Where(u => u.Id == d.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault()))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// One page of deals matching the search (by name), the totals per currency of all that match, and their open money.
    /// </summary>
    public async Task<DealList> ListDealsAsync(string? search, int page, int pageSize, CancellationToken ct = default,
        OwnerFilter owner = OwnerFilter.Anyone, long? ownerUserId = null)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var deals = Matching(db, search, owner, ownerUserId);
        var visibleLeads = db.Leads.VisibleTo(actor);
        var total = await deals.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, 100);
        var rows = await InListOrder(deals).Skip(Math.Max(0, page) * size).Take(size)
            .Select(d => new DealListRow(d.Id, d.Name, d.ValueAmount, d.ValueCurrency, d.Probability, d.CloseDate,
                visibleLeads.Count(l => l.DealId == d.Id), d.UpdatedAt, d.OwnerUserId,
                db.Users.Where(u => u.Id == d.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault()))
            .ToListAsync(ct);
        var totals = await deals.Where(d => d.ValueAmount != null)
            .GroupBy(d => d.ValueCurrency)
            .Select(g => new { Currency = g.Key, Total = g.Sum(d => d.ValueAmount!.Value), Deals = g.Count() })
            .ToListAsync(ct);
        var open = await OpenMoney.ReadAsync(db, PipelineQuery.ForDealList(actor, search, owner, ownerUserId), ct);
        return new DealList(new PageOf<DealListRow>(rows, total), totals
            .Select(t => new CurrencySum(t.Currency ?? Currencies.Default, t.Total, t.Deals)).OrderBy(t => t.Currency).ToList(),
            open);
    }

    /// <summary>The deals /deals lists for this search and owner filter (all pages).</summary>
    internal IQueryable<Deal> Matching(DealTrackerDbContext db, string? search, OwnerFilter owner, long? ownerUserId)
    {
        var deals = db.Deals.AsNoTracking().VisibleTo(actor).OwnedAs(actor, owner, ownerUserId);
        if (SearchPattern.Contains(search) is { } p)
            deals = deals.Where(d => EF.Functions.ILike(d.Name, p, "\\"));
        return deals;
    }

    /// <summary>The order of /deals: by name.</summary>
    internal static IOrderedQueryable<Deal> InListOrder(IQueryable<Deal> deals) => deals.OrderBy(d => d.Name).ThenBy(d => d.Id);

    /// <summary>Type-ahead: deals whose name contains the term, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<Choice>> SearchDealsAsync(string? term, int limit = 10, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var deals = db.Deals.AsNoTracking().VisibleTo(actor);
        if (SearchPattern.Contains(term) is { } p)
            deals = deals.Where(d => EF.Functions.ILike(d.Name, p, "\\"));
        var found = await deals.OrderBy(d => d.Name).ThenBy(d => d.Id).Take(Math.Clamp(limit, 1, 50))
            .Select(d => new { d.Id, d.Name, d.ValueAmount, d.ValueCurrency }).ToListAsync(ct);
        return found.Select(d => new Choice(d.Id, d.Name,
            d.ValueAmount is { } v ? $"{d.ValueCurrency ?? Currencies.Default} {v:N0}" : null)).ToList();
    }

    private static void Apply(Deal deal, DealInput input)
    {
        deal.Name = Input.Required(input.Name, Limits.Name, "Name", "Give the deal a name.");
        deal.Description = Input.Optional(input.Description, Limits.LongText, "Description");
        if (input.ValueAmount is < 0)
            throw new RuleViolationException("The value amount cannot be negative.", "ValueAmount");
        if (input.ValueAmount is > 9_999_999_999_999_999m)
            throw new RuleViolationException("The value amount is too large.", "ValueAmount");
        var currency = Text.Clean(input.ValueCurrency)?.ToUpperInvariant() ?? Currencies.Default;
        if (!Currencies.IsKnown(currency))
            throw new RuleViolationException("Choose an ISO 4217 currency such as USD or EUR.", "ValueCurrency");
        if (input.Probability is < 0 or > 100)
            throw new RuleViolationException("Probability must be between 0 and 100.", "Probability");
        deal.ValueAmount = input.ValueAmount is { } amount ? Math.Round(amount, 2) : null;
        deal.ValueCurrency = currency;
        deal.Probability = input.Probability is { } probability ? Math.Round(probability, 2) : null;
        deal.CloseDate = input.CloseDate;
    }
}
