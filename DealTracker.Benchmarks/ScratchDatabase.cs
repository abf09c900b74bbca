using DealTracker.Data;
using Npgsql;

namespace DealTracker.Benchmarks;

/// <summary>A database of its own on the given server, migrated like the app's, dropped at the end whatever happens.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private ScratchDatabase(string admin, string connectionString)
    {
        _admin = admin;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }
    public string Name => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    public static async Task<ScratchDatabase> CreateAsync(string serverConnectionString)
    {
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        var name = $"dealtracker_bench_{DateTime.UtcNow:yyyyMMddHHmmss}_{Environment.ProcessId}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
        var scratch = new ScratchDatabase(admin,
            new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name, MaxPoolSize = 200 }.ConnectionString);
        await DatabaseMigrator.MigrateAsync(scratch.ConnectionString, scratch.ConnectionString);
        return scratch;
    }

    public async Task<string> ServerVersionAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SHOW server_version", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>VACUUM (ANALYZE) of the whole database: the rows just written settle before anything is timed.</summary>
    public async Task VacuumAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
