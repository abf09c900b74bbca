using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Infrastructure;

public static class DbWork
{
    /// <summary>
    /// Runs one user action in one transaction on its own context, and turns whatever the database refuses
    /// (including the deferred checks that fire at commit) into a <see cref="RuleViolationException"/>.
    /// </summary>
    public static async Task<T> WriteAsync<T>(this IDbContextFactory<DealTrackerDbContext> factory,
        Func<DealTrackerDbContext, Task<T>> work, CancellationToken ct)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
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

    public static Task WriteAsync(this IDbContextFactory<DealTrackerDbContext> factory,
        Func<DealTrackerDbContext, Task> work, CancellationToken ct) =>
        factory.WriteAsync(async db => { await work(db); return true; }, ct);
}
