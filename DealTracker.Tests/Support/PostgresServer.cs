using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
                : await ThrowawayCluster.StartAsync();
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

    /// <summary>initdb + pg_ctl in a temporary folder, on a free port, fsync off: fast and gone after the run.</summary>
    private static class ThrowawayCluster
    {
        public static async Task<string> StartAsync()
        {
            var bin = FindBinaries();
            var dataDir = Path.Combine(Path.GetTempPath(), $"dealtracker-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
            var port = FreePort();
            await RunAsync(bin, "initdb", $"-D {dataDir} -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync");
            await RunAsync(bin, "pg_ctl", $"-D {dataDir} -l {dataDir}/server.log -w -t 60 " +
                $"-o \"-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    RunAsync(bin, "pg_ctl", $"-D {dataDir} -m immediate stop").GetAwaiter().GetResult();
                    Directory.Delete(dataDir, recursive: true);
                }
                catch (Exception)
                {
                    // Best effort at exit: a leftover folder in /tmp harms nothing.
                }
            };
            return $"Host=127.0.0.1;Port={port};Database=postgres;Username=postgres;Pooling=false";
        }

        private static string FindBinaries()
        {
            var candidates = new[] { Environment.GetEnvironmentVariable("PG_BIN") }
                .Concat(Directory.Exists("/usr/lib/postgresql")
                    ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
                    : []);
            return candidates.FirstOrDefault(d => d is not null && File.Exists(Path.Combine(d, "pg_ctl")))
                ?? throw new InvalidOperationException(
                    "Tests need PostgreSQL: install its server binaries (apt-get install postgresql) or set " +
                    "DEALTRACKER_TEST_PG to a connection string of a server where the user may create databases.");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static async Task RunAsync(string bin, string tool, string arguments)
        {
            var asRoot = Environment.UserName == "root";
            var start = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(bin, tool),
                asRoot ? $"-u postgres -- {Path.Combine(bin, tool)} {arguments}" : arguments)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp",
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
