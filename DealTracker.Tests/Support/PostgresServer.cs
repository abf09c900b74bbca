using DealTracker.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealTracker.Tests.Support;

/// <summary>
/// The real PostgreSQL every test runs against. Uses the server named by DEALTRACKER_TEST_PG (a connection string
/// whose user may create databases) or else starts a throwaway cluster for this test run and removes it at exit.
/// Each test class gets its own database, copied in ~0.2 s from a template that holds the migrated schema.
/// </summary>
public static class PostgresServer
{
    private const string TemplateName = "dealtracker_test_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnectionString;
    private static bool _templateReady;

    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var admin = await EnsureTemplateAsync();
        var name = $"t_{Sanitize(purpose)}_{Guid.NewGuid():N}"[..Math.Min(60, 2 + Sanitize(purpose).Length + 33)];
        await Gate.WaitAsync(); // CREATE DATABASE ... TEMPLATE needs the template to have no other session
        try
        {
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE {TemplateName}");
        }
        finally
        {
            Gate.Release();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(await EnsureTemplateAsync(), $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task<string> EnsureTemplateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            _adminConnectionString ??= Environment.GetEnvironmentVariable("DEALTRACKER_TEST_PG") is { Length: > 0 } given
                ? new NpgsqlConnectionStringBuilder(given) { Database = "postgres", Pooling = false }.ConnectionString
                : await StartThrowawayClusterAsync();
            if (!_templateReady)
            {
                await ExecuteAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
                await ExecuteAsync(_adminConnectionString, $"CREATE DATABASE {TemplateName}");
                var templateCs = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = TemplateName }.ConnectionString;
                var options = new DbContextOptionsBuilder<DealTrackerDbContext>();
                DataServiceCollectionExtensions.ConfigureDbContext(options, templateCs);
                await using (var db = new DealTrackerDbContext(options.Options))
                    await db.Database.MigrateAsync();
                _templateReady = true;
            }
            return _adminConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Sanitize(string purpose) =>
        new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(20).ToArray());

    private static async Task<string> StartThrowawayClusterAsync()
    {
        var cluster = await PostgresCluster.StartNewAsync();
        cluster.RemoveAtExit();
        return cluster.AdminConnectionString;
    }
}
