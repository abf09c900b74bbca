using DealTracker.Data.Identity;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Infrastructure;

public static class DbWork
{
    /// <summary>The transaction-local setting the history triggers read the acting user from ("database" when unset).</summary>
    public const string ActorSetting = "dealtracker.actor";

    /// <summary>What <see cref="ActorSetting"/> holds for a write made by the system itself (seeding, startup tasks).</summary>
    public const string SystemActor = "system";

    /// <summary>
    /// Runs one user action in one transaction on its own context, as <paramref name="actor"/> (the database's history
    /// records who made each change), and turns whatever the database refuses (including the deferred checks that
    /// fire at commit) into a <see cref="RuleViolationException"/>.
    /// </summary>
    public static async Task<T> WriteAsync<T>(this IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor,
        Func<DealTrackerDbContext, Task<T>> work, CancellationToken ct)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.ActAsAsync(actor, ct);
            var result = await work(db);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        }
        catch (Exception ex) when (ex is not RuleViolationException && DatabaseErrors.Translate(ex) is { } rule)
        {
            throw rule;
        }
    }

    public static Task WriteAsync(this IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor,
        Func<DealTrackerDbContext, Task> work, CancellationToken ct) =>
        factory.WriteAsync(actor, async db => { await work(db); return true; }, ct);

    /// <summary>
    /// Tells the database who acts in the current transaction (<c>set_config(..., is_local => true)</c>), so the
    /// history triggers attribute every change it makes. Call it right after beginning a transaction.
    /// </summary>
    public static Task ActAsAsync(this DealTrackerDbContext db, IActingUser actor, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync("SELECT set_config({0}, {1}, true)",
            [ActorSetting, actor.UserId is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : SystemActor], ct);
}
