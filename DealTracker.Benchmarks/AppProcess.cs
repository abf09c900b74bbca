using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DealTracker.Benchmarks;

/// <summary>
/// The real app as its own process (the Release build of DealTracker.Web, Production settings) on a loopback port over
/// the given database, so that its CPU time and memory are its own and not the load driver's.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private AppProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Resident memory (bytes), read now.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<AppProcess> StartAsync(string connectionString, CancellationToken ct)
    {
        var repo = RepositoryRoot();
        var dll = Path.Combine(repo, "DealTracker.Web", "bin", "Release", "net10.0", "DealTracker.Web.dll");
        if (!File.Exists(dll))
            throw new FileNotFoundException("Build the app in Release first (scripts/benchmarks.sh does).", dll);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.Combine(repo, "DealTracker.Web"),
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ConnectionStrings__DealTracker"] = connectionString;
        start.Environment["Database__MigrateOnStartup"] = "false";
        start.Environment["Seed__Demo"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Every simulated person signs in from 127.0.0.1, all within a minute.
        start.Environment["SignIn__RateLimit__PerAddressPerMinute"] = "100000";
        start.Environment["SignIn__RateLimit__PerAccountPerMinute"] = "100000";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitHealthyAsync(TimeSpan.FromMinutes(2), ct);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}: {string.Join('\n', LastLines())}");
            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "health"), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }
            await Task.Delay(250, ct);
        }
        throw new TimeoutException($"The app at {BaseUrl} was not healthy within {timeout.TotalSeconds:0} s: {string.Join('\n', LastLines())}");
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 40)
                _lastLines.Dequeue();
        }
    }

    public IReadOnlyList<string> LastLines()
    {
        lock (_lastLines)
            return [.. _lastLines];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DealTracker.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No DealTracker.sln above {AppContext.BaseDirectory}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
