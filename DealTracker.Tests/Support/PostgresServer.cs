using DealTracker.Data;
using Npgsql;

namespace DealTracker.Tests.Support;

/// <summary>
/// The real PostgreSQL every test runs against. Uses the server named by DEALTRACKER_TEST_PG (a connection string
/// whose user has CREATEROLE and CREATEDB, or a superuser) or else starts a throwaway cluster for this test run and
/// removes it at exit. As in production there are two roles (created if missing; roles are cluster-wide): the
/// template is migrated as the owner role, and tests and the app under test connect as the app role, which cannot
/// switch triggers off or change the schema. Each test class gets its own database, copied in ~0.2 s from the template.
/// </summary>
public static class PostgresServer
{
    private const string TemplateName = "dealtracker_test_template";
    public const string OwnerRole = "dealtracker_owner";
    public const string AppRole = "dealtracker_app";
    private const string TestPassword = "dealtracker-test-only";
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
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE {TemplateName} OWNER {OwnerRole}");
        }
        finally
        {
            Gate.Release();
        }
        return As(admin, AppRole, name);
    }

    /// <summary>A database with nothing in it (not copied from the template), owned by the owner role; as the app role.</summary>
    public static async Task<string> CreateEmptyDatabaseAsync(string purpose)
    {
        var admin = await EnsureTemplateAsync();
        var name = $"e_{Sanitize(purpose)}_{Guid.NewGuid():N}"[..Math.Min(60, 2 + Sanitize(purpose).Length + 33)];
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" OWNER {OwnerRole}");
        return As(admin, AppRole, name);
    }

    /// <summary>
    /// An empty database named <paramref name="name"/> on another server (a private <see cref="PostgresCluster"/>), with
    /// both roles set up as here; returns its connection string as the app role. The app migrates it at startup.
    /// </summary>
    public static async Task<string> CreateEmptyDatabaseOnAsync(string adminConnectionString, string name)
    {
        await ExecuteAsync(adminConnectionString, CreateRolesSql);
        await ExecuteAsync(adminConnectionString, $"CREATE DATABASE \"{name}\" OWNER {OwnerRole}");
        return As(adminConnectionString, AppRole, name);
    }

    /// <summary>The same database as the owner role: for tests that must write what the app role cannot (legacy rows).</summary>
    public static string AsOwner(string connectionString) =>
        As(connectionString, OwnerRole, new NpgsqlConnectionStringBuilder(connectionString).Database!);

    private static string As(string connectionString, string role, string database) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Database = database, Username = role, Password = TestPassword, Pooling = true,
        }.ConnectionString;

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
                await ExecuteAsync(_adminConnectionString, CreateRolesSql);
                await ExecuteAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS {TemplateName} WITH (FORCE)");
                await ExecuteAsync(_adminConnectionString, $"CREATE DATABASE {TemplateName} OWNER {OwnerRole}");
                var template = As(_adminConnectionString, OwnerRole, TemplateName);
                await DatabaseMigrator.MigrateAsync(template, As(_adminConnectionString, AppRole, TemplateName));
                NpgsqlConnection.ClearAllPools(); // the template must have no session left when it is copied
                _templateReady = true;
            }
            return _adminConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Both roles, created if missing and reset to what the tests rely on. The admin joins the owner role, which
    /// CREATE DATABASE ... OWNER needs when the admin is not a superuser.
    /// </summary>
    private const string CreateRolesSql = $$"""
        DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{{OwnerRole}}') THEN
            CREATE ROLE {{OwnerRole}} LOGIN;
          END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{{AppRole}}') THEN
            CREATE ROLE {{AppRole}} LOGIN;
          END IF;
          IF NOT pg_has_role(current_user, '{{OwnerRole}}', 'MEMBER') THEN
            GRANT {{OwnerRole}} TO CURRENT_USER;
          END IF;
        END;
        $$;
        ALTER ROLE {{OwnerRole}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{{TestPassword}}';
        ALTER ROLE {{AppRole}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '{{TestPassword}}';
        """;

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
