namespace DealTracker.Proxy;

/// <summary>
/// The reverse proxy in front of several DealTracker instances, configured entirely from the <c>ReverseProxy</c>
/// section (proxysettings.json, then environment variables and arguments over it: one route, one cluster, round robin for new visitors, then cookie affinity so every
/// request and the circuit's WebSocket of a browser reach the instance that holds its circuit; instances whose
/// /health fails are taken out of rotation). The browser's Host header goes through unchanged, so the app's redirects
/// and its Content-Security-Policy name the address the browser used, not an instance's.
/// </summary>
public static class ProxyProgram
{
    public static async Task Main(string[] args) => await Build(args).RunAsync();

    /// <summary>The proxy app; <paramref name="settings"/> override configuration (tests point it at their instances).</summary>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Its own file, and only it: the tests' output folder also holds the app's appsettings.json.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "proxysettings.json"), optional: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args);
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }
}
