using DealTracker.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealTracker.Data.Infrastructure;

public static class DbWork
{
    private const int MaxAttempts = 4;

    /// <summary>The transaction-local setting the history triggers read the acting user from ("database" when unset).</summary>
    public const string ActorSetting = "dealtracker.actor";

    /// <summary>What <see cref="ActorSetting"/> holds for a write made by the system itself (seeding, startup tasks).</summary>
    public const string SystemActor = "system";

    /// <summary>
    /// Runs one user action in one transaction on its own context, as <paramref name="actor"/> (refused if that user has
    /// been deactivated; the database's history records who made each change), and turns whatever the database refuses
    /// (including the deferred checks that fire at commit) into a <see cref="RuleViolationException"/>. The whole unit of
    /// work is replayed on a fresh context when PostgreSQL rolled it back for a deadlock or a serialization failure, or
    /// when the connection failed before the commit was sent (a restarted server leaves dead connections in the pool);
    /// <paramref name="work"/> must therefore do nothing outside the database that cannot be done twice.
    /// </summary>
    public static async Task<T> WriteAsync<T>(this IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor,
        Func<DealTrackerDbContext, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var committing = false;
            try
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await ActiveUser.RequireActiveAsync(db, actor, ct);
                await db.ActAsAsync(actor, ct);
                var result = await work(db);
                await db.SaveChangesAsync(ct);
                committing = true;
                await tx.CommitAsync(ct);
                return result;
            }
            catch (Exception ex) when (attempt < MaxAttempts && ex is not RuleViolationException
                && (DatabaseErrors.IsRolledBackByServer(ex) || (!committing && DatabaseErrors.IsUnavailable(ex))))
            {
                if (DatabaseErrors.IsUnavailable(ex))
                    NpgsqlConnection.ClearAllPools(); // the pool's other connections died with this one
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt * attempt + Random.Shared.Next(50)), ct);
            }
            catch (Exception ex) when (ex is not RuleViolationException && DatabaseErrors.Translate(ex) is { } rule)
            {
                if (DatabaseErrors.IsUnavailable(ex))
                    NpgsqlConnection.ClearAllPools();
                throw rule;
            }
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
