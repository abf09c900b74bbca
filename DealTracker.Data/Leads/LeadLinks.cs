using DealTracker.Data.Entities;
using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Leads;

/// <summary>
/// Link, unlink, sync and clear-primary, written once for the three link tables (organizations, individuals and
/// contacts on a lead). The rules are checked by the caller first (<see cref="LeadRules"/>); the database backs them.
/// </summary>
internal static class LeadLinks
{
    /// <summary>
    /// Primaries are unique per lead at every statement: the old primary goes before a new one is set. The row of
    /// <paramref name="keepTargetId"/> (the primary that stays) is left alone, so the history records no change that
    /// did not happen.
    /// </summary>
    public static Task ClearPrimaryAsync<T>(DealTrackerDbContext db, long leadId, long? keepTargetId, CancellationToken ct)
        where T : class, ILeadLink
    {
        var target = T.TargetProperty;
        return db.Set<T>()
            .Where(x => EF.Property<long>(x, nameof(ILeadLink.LeadId)) == leadId && EF.Property<bool>(x, nameof(ILeadLink.IsPrimary))
                && EF.Property<long>(x, target) != keepTargetId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => EF.Property<bool>(x, nameof(ILeadLink.IsPrimary)), false), ct);
    }

    /// <summary>Adds the link, or updates its value and primary flag when the party is already on the lead.</summary>
    public static async Task LinkAsync<T>(DealTrackerDbContext db, long leadId, long targetId, string? value, bool isPrimary,
        CancellationToken ct) where T : class, ILeadLink
    {
        if (isPrimary)
            await ClearPrimaryAsync<T>(db, leadId, targetId, ct);
        var row = await db.Set<T>().FindAsync([leadId, targetId], ct);
        if (row is null)
            db.Set<T>().Add(row = (T)T.Create(leadId, targetId));
        (row.Value, row.IsPrimary) = (Text.Clean(value), isPrimary);
    }

    public static Task UnlinkAsync<T>(DealTrackerDbContext db, long leadId, long targetId, CancellationToken ct)
        where T : class, ILeadLink
    {
        var target = T.TargetProperty;
        return db.Set<T>().Where(x => EF.Property<long>(x, nameof(ILeadLink.LeadId)) == leadId && EF.Property<long>(x, target) == targetId)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>Makes the lead's (loaded) rows of one kind exactly <paramref name="wanted"/>: removes, adds and updates.</summary>
    public static void Sync<T>(DealTrackerDbContext db, long leadId, ICollection<T> rows,
        IReadOnlyList<(long TargetId, string? Value, bool IsPrimary)> wanted) where T : class, ILeadLink
    {
        db.Set<T>().RemoveRange(rows.Where(r => wanted.All(w => w.TargetId != r.TargetId)).ToList());
        foreach (var w in wanted)
        {
            var row = rows.FirstOrDefault(r => r.TargetId == w.TargetId);
            if (row is null)
                rows.Add(row = (T)T.Create(leadId, w.TargetId));
            (row.Value, row.IsPrimary) = (Text.Clean(w.Value), w.IsPrimary);
        }
    }
}
