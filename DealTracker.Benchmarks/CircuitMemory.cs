using DealTracker.Data.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DealTracker.Benchmarks;

/// <summary>
/// Memory per open board: the real app on Kestrel in this process, Debian's Chromium opening board pages signed in
/// as the manager; the managed heap after a full collection, before and after, divided by the pages opened.
/// </summary>
public sealed class CircuitMemory(string connectionString)
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// KB of managed heap per open page, for each kind of page in turn (a path, and whether to wait for board cards),
    /// all in one app: the pages of one kind stay open while the next kind is measured, so a closed page's circuit
    /// (kept for minutes in case the browser reconnects) never distorts a later number.
    /// </summary>
    public async Task<IReadOnlyList<double>> KilobytesPerPageAsync(IReadOnlyList<(string Path, bool Cards)> kinds, int pages)
    {
        await using var app = new App(connectionString);
        var baseUrl = app.BaseUrl;
        await app.Services.GetRequiredService<ChangeNotifier>().Listening.WaitAsync(TimeSpan.FromSeconds(30));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new() { Width = 1366, Height = 800 } });
        context.SetDefaultTimeout(60_000);
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync(baseUrl + "/account/login");
        await signIn.GetByLabel("Email").FillAsync(PipelineGenerator.ManagerEmail);
        await signIn.GetByLabel("Password").FillAsync(PipelineGenerator.ManagerPassword);
        await signIn.Locator("[data-testid=login-submit]").ClickAsync();
        await signIn.Locator("[data-testid=signed-in-user]").WaitForAsync();

        var perPage = new List<double>();
        foreach (var (path, cards) in kinds)
        {
            // One page of the kind first: its one-off costs (JIT, caches, shared state) are not per page.
            await OpenAsync(await context.NewPageAsync(), baseUrl + path, cards);
            var before = FullyCollectedHeap();
            for (var i = 0; i < pages; i++)
                await OpenAsync(await context.NewPageAsync(), baseUrl + path, cards);
            var after = FullyCollectedHeap();
            perPage.Add((after - before) / 1024.0 / pages);
        }
        await context.CloseAsync();
        return perPage;
    }

    private static async Task OpenAsync(IPage page, string url, bool cards)
    {
        await page.GotoAsync(url);
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.Locator("h1").WaitForAsync();
        if (cards)
            await page.Locator("[data-testid=lead-card]").First.WaitForAsync();
        else
        {
            await page.Locator("[data-testid=board-loading]").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
    }

    private static long FullyCollectedHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>The app as deployed (Production), on Kestrel at 127.0.0.1 and a free port.</summary>
    private sealed class App : WebApplicationFactory<Program>
    {
        private readonly string _connectionString;

        public App(string connectionString)
        {
            _connectionString = connectionString;
            UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        }

        public string BaseUrl
        {
            get
            {
                StartServer();
                return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseStaticWebAssets(); // served from the build output, as `dotnet run` does, since this is not a published app
            builder.UseSetting("ConnectionStrings:DealTracker", _connectionString);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Database:MigrateOnStartup", "false");
        }
    }
}
