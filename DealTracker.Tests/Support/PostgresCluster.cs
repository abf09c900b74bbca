using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DealTracker.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of its own (initdb + pg_ctl in a temporary folder, on a free port, fsync off) that a test can
/// stop and start again on the same port, as a database server going away and coming back. The shared test server
/// (<see cref="PostgresServer"/>) is one of these; a test that stops its server starts a private one.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dataDir;
    private readonly int _port;

    private PostgresCluster(string bin, string dataDir, int port) => (_bin, _dataDir, _port) = (bin, dataDir, port);

    /// <summary>Connects as the superuser to the "postgres" database; no pooling.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={_port};Database=postgres;Username=postgres;Pooling=false";

    public static async Task<PostgresCluster> StartNewAsync()
    {
        var cluster = new PostgresCluster(FindBinaries(),
            Path.Combine(Path.GetTempPath(), $"dealtracker-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]), FreePort());
        await cluster.RunAsync("initdb", $"-D {cluster._dataDir} -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-sync");
        await cluster.StartAsync();
        return cluster;
    }

    public Task StartAsync() => RunAsync("pg_ctl", $"-D {_dataDir} -l {_dataDir}/server.log -w -t 60 " +
        $"-o \"-p {_port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start");

    /// <summary>A fast shutdown, as an administrator's restart: sessions are ended with 57P01.</summary>
    public Task StopAsync() => RunAsync("pg_ctl", $"-D {_dataDir} -m fast -w stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("pg_ctl", $"-D {_dataDir} -m immediate stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_dataDir, recursive: true);
    }

    /// <summary>Stops the cluster and removes its folder when the test process exits (for the shared server).</summary>
    public void RemoveAtExit() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Best effort at exit: a leftover folder in /tmp harms nothing.
            }
        };

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

    private async Task RunAsync(string tool, string arguments)
    {
        var asRoot = Environment.UserName == "root";
        var start = new ProcessStartInfo(asRoot ? "runuser" : Path.Combine(_bin, tool),
            asRoot ? $"-u postgres -- {Path.Combine(_bin, tool)} {arguments}" : arguments)
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
