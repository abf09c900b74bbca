using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Leads;

/// <summary>
/// Bulk actions on the /leads list: reassign, move to a stage, delete. Each lead goes through the same service call a
/// single change uses (so the same visibility, ownership, stage and reason rules, and the same history), in its own
/// transaction: a lead refused by a rule is listed with that rule's sentence and the others are done. At most
/// <see cref="Limits.BulkLeads"/> leads per action. Scoped: acts as the injected <see cref="IActingUser"/>.
/// </summary>
public sealed class LeadBulkService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor, LeadQueries list,
    LeadService leads, OwnershipService ownership)
{
    public static readonly string TooMany =
        $"A bulk action changes at most {Limits.BulkLeads:N0} leads at a time: narrow the search or filters.";

    /// <summary>
    /// The ids of every lead the list shows for <paramref name="query"/> (all pages, in its order), for "select all
    /// matching". Refused when there are more than <see cref="Limits.BulkLeads"/>.
    /// </summary>
    public async Task<IReadOnlyList<long>> MatchingIdsAsync(LeadListQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = await list.OrderedIds(db, query).Take(Limits.BulkLeads + 1).ToListAsync(ct);
        return ids.Count > Limits.BulkLeads ? throw new RuleViolationException(TooMany) : ids;
    }

    /// <summary>Gives the leads to an active user, or leaves them unassigned (null): managers and admins.</summary>
    public Task<BulkOutcome> AssignAsync(IReadOnlyCollection<long> leadIds, long? ownerUserId, IProgress<int>? progress = null,
        CancellationToken ct = default) =>
        ForEachAsync(leadIds, id => ownership.AssignLeadAsync(id, ownerUserId, ct), progress, ct);

    /// <summary>Moves the leads to <paramref name="stage"/>, with one reason for all when the stage needs one (Lost).</summary>
    public Task<BulkOutcome> MoveAsync(IReadOnlyCollection<long> leadIds, string stage, string? reason, IProgress<int>? progress = null,
        CancellationToken ct = default) =>
        ForEachAsync(leadIds, id => leads.MoveLeadToStageAsync(id, stage, reason, expectedVersion: null, ct), progress, ct);

    public Task<BulkOutcome> DeleteAsync(IReadOnlyCollection<long> leadIds, IProgress<int>? progress = null,
        CancellationToken ct = default) =>
        ForEachAsync(leadIds, id => leads.DeleteLeadAsync(id, ct), progress, ct);

    private async Task<BulkOutcome> ForEachAsync(IReadOnlyCollection<long> leadIds, Func<long, Task> change,
        IProgress<int>? progress, CancellationToken ct)
    {
        var ids = leadIds.Distinct().ToList();
        if (ids.Count > Limits.BulkLeads)
            throw new RuleViolationException(TooMany);
        var titles = await TitlesAsync(ids, ct);
        var refused = new List<BulkRefusal>();
        for (var i = 0; i < ids.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await change(ids[i]);
            }
            catch (RuleViolationException refusal)
            {
                refused.Add(new BulkRefusal(ids[i], titles.GetValueOrDefault(ids[i], $"Lead {ids[i]}"), refusal.Message));
            }
            progress?.Report(i + 1);
        }
        return new BulkOutcome(ids.Count - refused.Count, refused);
    }

    /// <summary>The titles of the leads the actor may see, read once, to name the refused ones.</summary>
    private async Task<Dictionary<long, string>> TitlesAsync(List<long> ids, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Leads.AsNoTracking().VisibleTo(actor).Where(l => ids.Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, l => l.Title, ct);
    }
}
