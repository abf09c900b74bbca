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

    public async Task<double> KilobytesPerBoardAsync(int pages)
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

        // One board first, kept open: the one-off costs (JIT, caches, the first circuit's shared state) are not per board.
        await OpenBoardAsync(signIn, baseUrl);
        var before = FullyCollectedHeap();
        var boards = new List<IPage>();
        for (var i = 0; i < pages; i++)
        {
            var page = await context.NewPageAsync();
            await OpenBoardAsync(page, baseUrl);
            boards.Add(page);
        }
        var after = FullyCollectedHeap();
        await context.CloseAsync();
        return (after - before) / 1024.0 / pages;
    }

    private static async Task OpenBoardAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/pipeline");
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.Locator("[data-testid=lead-card]").First.WaitForAsync();
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
