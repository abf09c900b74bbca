using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Ownership;

/// <summary>
/// Who owns what: Sales take unassigned leads and deals, managers and admins (re)assign them. Scoped: acts as the
/// injected <see cref="IActingUser"/>.
/// </summary>
public sealed class OwnershipService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    /// <summary>Active users, by name: the choices of an owner picker.</summary>
    public async Task<IReadOnlyList<OwnerOption>> ListOwnersAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.IsActive)
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new OwnerOption(u.Id, u.DisplayName, u.Email!))
            .ToListAsync(ct);
    }

    /// <summary>The lead's owner (null: unassigned). "Not found or not yours" when the actor may not see it.</summary>
    public async Task<long?> GetLeadOwnerAsync(long leadId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.Leads.VisibleTo(actor).Where(l => l.Id == leadId)
            .Select(l => new { l.OwnerUserId }).FirstOrDefaultAsync(ct);
        if (found is null)
            await Access.RequireLeadAsync(db, actor, leadId, ct);
        return found!.OwnerUserId;
    }

    /// <summary>The deal's owner (null: unassigned). "Not found or not yours" when the actor may not see it.</summary>
    public async Task<long?> GetDealOwnerAsync(long dealId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await db.Deals.VisibleTo(actor).Where(d => d.Id == dealId)
            .Select(d => new { d.OwnerUserId }).FirstOrDefaultAsync(ct);
        if (found is null)
            await Access.RequireDealAsync(db, actor, dealId, ct);
        return found!.OwnerUserId;
    }

    /// <summary>The acting user takes an unassigned lead. Refused when someone owns it already.</summary>
    public Task TakeLeadAsync(long leadId, CancellationToken ct = default) => TakeAsync<Lead>(leadId, "lead", ct);

    /// <summary>The acting user takes an unassigned deal. Refused when someone owns it already.</summary>
    public Task TakeDealAsync(long dealId, CancellationToken ct = default) => TakeAsync<Deal>(dealId, "deal", ct);

    /// <summary>Managers and admins give a lead to an active user, or leave it unassigned (null).</summary>
    public Task AssignLeadAsync(long leadId, long? ownerUserId, CancellationToken ct = default) =>
        AssignAsync<Lead>(leadId, ownerUserId, "lead", ct);

    /// <summary>Managers and admins give a deal to an active user, or leave it unassigned (null).</summary>
    public Task AssignDealAsync(long dealId, long? ownerUserId, CancellationToken ct = default) =>
        AssignAsync<Deal>(dealId, ownerUserId, "deal", ct);

    private Task TakeAsync<T>(long id, string kind, CancellationToken ct) where T : class, IOwnedRecord =>
        factory.WriteAsync(actor, async db =>
        {
            var me = actor.UserId ?? throw new RuleViolationException($"Sign in to take a {kind}.");
            var record = await Access.RequireAsync<T>(db, actor, id, kind, ct);
            if (record.OwnerUserId is { } owner && owner != me)
                throw new RuleViolationException($"This {kind} already has an owner: a manager can reassign it.", "Owner");
            record.OwnerUserId = me;
        }, ct);

    private Task AssignAsync<T>(long id, long? ownerUserId, string kind, CancellationToken ct) where T : class, IOwnedRecord =>
        factory.WriteAsync(actor, async db =>
        {
            Access.RequireManager(actor, $"Only a manager can reassign a {kind}.", "Owner");
            var record = await Access.RequireAsync<T>(db, actor, id, kind, ct);
            await RequireActiveUserAsync(db, ownerUserId, ct);
            record.OwnerUserId = ownerUserId;
        }, ct);

    internal static async Task RequireActiveUserAsync(DealTrackerDbContext db, long? userId, CancellationToken ct)
    {
        if (userId is { } id && !await db.Users.AnyAsync(u => u.Id == id && u.IsActive, ct))
            throw new RuleViolationException("Pick an active user as the owner.", "Owner");
    }
}
