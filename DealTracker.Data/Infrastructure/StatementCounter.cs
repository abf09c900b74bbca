using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DealTracker.Data.Infrastructure;

/// <summary>
/// Counts the SQL statements the data services send through contexts from <see cref="Factory"/>: the proof that a
/// screen takes a fixed number of them (the tests and the benchmarks use it; the app does not).
/// </summary>
public sealed class StatementCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    /// <summary>A context factory over <paramref name="connectionString"/> whose every statement is counted here.</summary>
    public IDbContextFactory<DealTrackerDbContext> Factory(string connectionString) => new CountingFactory(connectionString, this);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
        Counted(result);

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
        Counted(result);

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
        CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        Counted(result);

    private ValueTask<T> Counted<T>(T result)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(result);
    }

    private sealed class CountingFactory(string connectionString, StatementCounter counter) : IDbContextFactory<DealTrackerDbContext>
    {
        public DealTrackerDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<DealTrackerDbContext>();
            DataServiceCollectionExtensions.ConfigureDbContext(options, connectionString);
            options.AddInterceptors(counter);
            return new DealTrackerDbContext(options.Options);
        }
    }
}
