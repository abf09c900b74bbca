using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Support;

/// <summary>
/// The real app on real Kestrel at 127.0.0.1 and a free port, over the given database: browsers and HTTP clients
/// talk to it exactly as to a deployed instance. Several can share one database (two app instances).
/// </summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly Dictionary<string, string?> _settings;

    public AppServer(string connectionString, Dictionary<string, string?>? settings = null)
    {
        _connectionString = connectionString;
        // Every test signs in from 127.0.0.1, many times over: the sign-in rate limits are lifted unless a test sets them.
        _settings = new Dictionary<string, string?>
        {
            ["SignIn:RateLimit:PerAddressPerMinute"] = "100000",
            ["SignIn:RateLimit:PerAccountPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings ?? [])
            _settings[key] = value;
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
    }

    /// <summary>Starts the server (once) and returns its address, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return addresses.Addresses.First().TrimEnd('/');
        }
    }

    /// <summary>Starts the server and waits until it hears database changes, so a test's change is never missed.</summary>
    public async Task<string> StartListeningAsync()
    {
        var url = BaseUrl;
        await Services.GetRequiredService<DealTracker.Data.Live.ChangeNotifier>().Listening.WaitAsync(TimeSpan.FromSeconds(30));
        return url;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:DealTracker", _connectionString);
        builder.UseSetting("ConnectionStrings:DealTrackerOwner", PostgresServer.AsOwner(_connectionString));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
    }
}
