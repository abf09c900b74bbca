using DealTracker.Data.Entities;
using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Deals;

/// <summary>Deals: create, edit, delete (with their leads), list with totals per currency, and look up by name.</summary>
public sealed class DealService(IDbContextFactory<DealTrackerDbContext> factory)
{
    public Task<long> CreateDealAsync(DealInput input, CancellationToken ct = default) =>
        factory.WriteAsync(async db =>
        {
            var deal = new Deal { Name = "" };
            Apply(deal, input);
            db.Deals.Add(deal);
            await db.SaveChangesAsync(ct);
            return deal.Id;
        }, ct);

    /// <summary>Saves the deal if nobody changed it since <paramref name="expectedVersion"/>; returns the new version.</summary>
    public Task<uint> UpdateDealAsync(long dealId, uint expectedVersion, DealInput input, CancellationToken ct = default) =>
        factory.WriteAsync(async db =>
        {
            var deal = await db.Deals.FirstOrDefaultAsync(d => d.Id == dealId, ct)
                ?? throw new RecordNotFoundException("This deal no longer exists: someone deleted it.");
            if (deal.Version != expectedVersion)
                throw new ConcurrencyConflictException("Someone else saved this deal after you opened it. Reload to see their changes.");
            Apply(deal, input);
            db.Entry(deal).State = EntityState.Modified;
            await db.SaveChangesAsync(ct);
            return deal.Version;
        }, ct);

    /// <summary>How many leads go when the deal is deleted.</summary>
    public async Task<int> CountLeadsAsync(long dealId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Leads.CountAsync(l => l.DealId == dealId, ct);
    }

    /// <summary>Deletes the deal; its leads, their statuses and links go with it (the database cascades).</summary>
    public Task DeleteDealAsync(long dealId, CancellationToken ct = default) =>
        factory.WriteAsync(async db =>
        {
            if (await db.Deals.Where(d => d.Id == dealId).ExecuteDeleteAsync(ct) == 0)
                throw new RecordNotFoundException("This deal no longer exists.");
        }, ct);

    /// <summary>The deal with its leads and their stages, in one query; null when it does not exist.</summary>
    public async Task<DealDetails?> GetDealAsync(long dealId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Deals.AsNoTracking().Where(d => d.Id == dealId)
            .Select(d => new DealDetails(d.Id, d.Name, d.Description, d.ValueAmount, d.ValueCurrency, d.Probability,
                d.CloseDate, d.UpdatedAt, d.Version,
                d.Leads.OrderBy(l => l.Title).ThenBy(l => l.Id)
                    .Select(l => new DealLeadRow(l.Id, l.Title, l.Status != null ? l.Status.Stage : "", l.UpdatedAt)).ToList()))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>One page of deals matching the search (by name), and the totals per currency of all that match.</summary>
    public async Task<DealList> ListDealsAsync(string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var deals = db.Deals.AsNoTracking();
        if (SearchPattern.Contains(search) is { } p)
            deals = deals.Where(d => EF.Functions.ILike(d.Name, p, "\\"));
        var total = await deals.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, 100);
        var rows = await deals.OrderBy(d => d.Name).ThenBy(d => d.Id).Skip(Math.Max(0, page) * size).Take(size)
            .Select(d => new DealListRow(d.Id, d.Name, d.ValueAmount, d.ValueCurrency, d.Probability, d.CloseDate,
                d.Leads.Count, d.UpdatedAt))
            .ToListAsync(ct);
        var totals = await deals.Where(d => d.ValueAmount != null)
            .GroupBy(d => d.ValueCurrency)
            .Select(g => new { Currency = g.Key, Total = g.Sum(d => d.ValueAmount!.Value), Deals = g.Count() })
            .ToListAsync(ct);
        return new DealList(new PageOf<DealListRow>(rows, total), totals
            .Select(t => new CurrencySum(t.Currency ?? Currencies.Default, t.Total, t.Deals)).OrderBy(t => t.Currency).ToList());
    }

    /// <summary>Type-ahead: deals whose name contains the term, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<Choice>> SearchDealsAsync(string? term, int limit = 10, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var deals = db.Deals.AsNoTracking();
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
