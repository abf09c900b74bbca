using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace DealTracker.Data;

/// <summary>
/// Applies the migrations as the owner role (the one that owns the schema) and lets the app role read and write the
/// rows: the app itself never needs DDL. The app, the tests and the benchmarks all migrate through here.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>
    /// Migrates through <paramref name="ownerConnectionString"/> and grants row access to the user of
    /// <paramref name="appConnectionString"/> when it is another role (<c>grant_app_role</c>, from the migrations).
    /// </summary>
    public static async Task MigrateAsync(string ownerConnectionString, string appConnectionString, CancellationToken ct = default)
    {
        var options = new DbContextOptionsBuilder<DealTrackerDbContext>();
        DataServiceCollectionExtensions.ConfigureDbContext(options, ownerConnectionString);
        await using var db = new DealTrackerDbContext(options.Options);
        // EF reads the history table before creating it and logs that failure as an error on an empty database
        // (npgsql/efcore.pg#3407): with the table there first, a first start logs no red line.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        await db.Database.MigrateAsync(ct);

        var owner = new NpgsqlConnectionStringBuilder(ownerConnectionString).Username;
        var app = new NpgsqlConnectionStringBuilder(appConnectionString).Username;
        if (!string.IsNullOrEmpty(app) && !string.Equals(owner, app, StringComparison.Ordinal))
            await db.Database.ExecuteSqlAsync($"SELECT grant_app_role({app}::name)", ct);
    }
}
