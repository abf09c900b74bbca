using System.Net;
using DealTracker.Data.Seeding;
using DealTracker.Tests.Support;
using Npgsql;

namespace DealTracker.Tests.Data;

/// <summary>
/// scripts/backup.sh and scripts/restore.sh as the README documents them: a backup of a database with the demo data,
/// restored into an empty database, holds the same rows and runs the app; a restore never overwrites a database.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"dealtracker-backup-test-{Guid.NewGuid():N}.dump");
    private string _source = "";
    private string _target = "";

    public async Task InitializeAsync()
    {
        _source = await PostgresServer.CreateDatabaseAsync("backupsource");
        await using var app = new AppServer(_source, new() { ["Seed:Demo"] = "true" });
        _ = app.BaseUrl; // starting it loads the demo data and users
        _target = await PostgresServer.CreateEmptyDatabaseAsync("restoretarget");
    }

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        await PostgresServer.DropDatabaseAsync(_source);
        await PostgresServer.DropDatabaseAsync(_target);
    }

    [Fact]
    public async Task A_backup_restored_into_an_empty_database_has_the_same_rows_and_a_working_app()
    {
        await RepositoryScripts.RunAsync("backup.sh", new Dictionary<string, string>
        {
            ["DEALTRACKER_BACKUP_DB"] = PostgresServer.AsOwner(_source),
        }, _file);
        var restore = new Dictionary<string, string> { ["DEALTRACKER_RESTORE_DB"] = PostgresServer.AsOwner(_target) };
        await RepositoryScripts.RunAsync("restore.sh", restore, _file);

        var before = await RowCountsAsync(_source);
        Assert.True(before["leads"] > 0 && before["users"] > 0);
        Assert.Equal(before, await RowCountsAsync(_target));

        await using var app = new AppServer(_target);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(app.BaseUrl),
        };
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var admin = DemoDataSeeder.DemoAccounts.First(a => a.Role == "Admin");
        var signIn = await DemoAppFixture.PostLoginAsync(client, admin.Email, admin.Password);
        Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        Assert.DoesNotContain("/account/login", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/leads")).StatusCode);

        // Restoring again would overwrite: refused, and nothing changes.
        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => RepositoryScripts.RunAsync("restore.sh", restore, _file));
        Assert.Contains("restore only into an empty database", refusal.Message);
        Assert.Equal(before, await RowCountsAsync(_target));
    }

    /// <summary>Rows per table of the schema (table names come from the catalog, quoted).</summary>
    private static async Task<SortedDictionary<string, long>> RowCountsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.AsOwner(connectionString));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table.Replace("\"", "\"\"")}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }
}
