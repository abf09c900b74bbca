using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Identity;

/// <summary>
/// A deactivated user changes nothing, from the moment the deactivation commits: every write transaction checks the
/// acting user first, not only the sign-in cookie or the circuit's once-a-minute revalidation.
/// </summary>
public static class ActiveUser
{
    public const string DeactivatedMessage =
        "Your account has been deactivated, so nothing was saved. Ask an admin to reactivate it.";

    /// <summary>
    /// Refuses unless the acting user (if a person) exists and is active. The row is held FOR SHARE until commit, so a
    /// deactivation racing this write either committed first and is seen here, or waits until this write is done.
    /// </summary>
    public static async Task RequireActiveAsync(DealTrackerDbContext db, IActingUser actor, CancellationToken ct)
    {
        if (actor.UserId is not { } userId)
            return;
        var active = await db.Database
            .SqlQuery<bool>($"SELECT is_active AS \"Value\" FROM users WHERE id = {userId} FOR SHARE")
            .ToListAsync(ct);
        if (active is not [true])
            throw new RuleViolationException(DeactivatedMessage);
    }
}
