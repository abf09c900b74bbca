using DealTracker.Data.Live;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>
/// An import writes thousands of rows in many statements; open boards should refresh once, not once per statement.
/// <see cref="HoldAsync"/> silences the per-statement change triggers for this transaction only, and
/// <see cref="SendAsync"/> announces each written table once (without ids: receivers re-query), delivered at commit
/// and coalesced by the <see cref="ChangeListener"/> into one batch.
/// </summary>
internal static class ChangeAnnouncement
{
    /// <summary>The setting the notify trigger function reads (migration BatchedChangeNotice).</summary>
    public const string HoldSetting = "dealtracker.hold_change_notices";

    public static Task HoldAsync(DealTrackerDbContext db, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT set_config({HoldSetting}, 'on', true)", ct);

    public static Task SendAsync(DealTrackerDbContext db, IReadOnlyList<string> tables, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            SELECT pg_notify({ChangeListener.Channel}, json_build_object('t', t, 'op', 'INSERT')::text)
            FROM unnest({tables.ToArray()}) AS t
            """, ct);
}
