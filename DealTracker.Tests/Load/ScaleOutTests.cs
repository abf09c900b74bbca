using DealTracker.Data.Identity;
using DealTracker.Data.Live;
using DealTracker.Data.Seeding;
using DealTracker.LoadDriver;
using DealTracker.Proxy;
using DealTracker.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Load;

/// <summary>
/// Scale-out for real: two app instances over one database behind the proxy's own configuration (YARP, cookie
/// affinity, WebSockets). A card moved by one user in a browser pinned to one instance reaches a user whose circuit
/// lives on the other, and the load driver works through the proxy like a browser.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class ScaleOutTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private string _connectionString = "";
    private AppServer _first = null!;
    private AppServer _second = null!;
    private WebApplication _proxy = null!;
    private string _proxyUrl = "";

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(nameof(ScaleOutTests));
        _first = new AppServer(_connectionString, new() { ["Seed:Demo"] = "true" });
        var first = await _first.StartListeningAsync();
        _second = new AppServer(_connectionString);
        var second = await _second.StartListeningAsync();
        _proxy = ProxyProgram.Build([], new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ReverseProxy:Clusters:dealtracker:Destinations:web:Address"] = first + "/",
            ["ReverseProxy:Clusters:dealtracker:Destinations:web2:Address"] = second + "/",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await _proxy.StartAsync();
        _proxyUrl = _proxy.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task A_move_in_a_browser_on_one_instance_reaches_a_headless_circuit_on_the_other_through_the_proxy()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var boardsOnFirst = _first.Services.GetRequiredService<ChangeNotifier>();
        var boardsOnSecond = _second.Services.GetRequiredService<ChangeNotifier>();

        // The manager in Chromium: the proxy's first answer pins the browser to an instance with its affinity cookie.
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(_proxyUrl, Roles.Manager);
        await page.GotoInteractiveAsync(_proxyUrl + "/pipeline");
        await Expect(page.Locator("[data-testid=lead-card]").First).ToBeVisibleAsync();

        // The admin through the load driver: a new visitor, so round robin sends it to the other instance.
        var admin = DemoDataSeeder.DemoAccounts.First(a => a.Role == Roles.Admin);
        using var user = await SignedInUser.SignInAsync(new Uri(_proxyUrl + "/"), admin.Email, admin.Password, timeout.Token);
        await using var boards = await LiveBoards.OpenAsync([user], "pipeline", 1, 1, timeout.Token);
        await WaitUntilAsync(() => boardsOnFirst.SubscriberCount == 1 && boardsOnSecond.SubscriberCount == 1,
            () => $"one board on each instance (first {boardsOnFirst.SubscriberCount}, second {boardsOnSecond.SubscriberCount})");

        var lead = await new DatabaseProbe(_connectionString).ScalarAsync<long>(
            "SELECT lead_id FROM lead_status WHERE stage = 'Discovery' ORDER BY stage_entered_at DESC, lead_id DESC LIMIT 1");
        var watch = boards.Watch(lead, "Proposal", _ => true);
        await page.Locator($"[data-testid=lead-card][data-lead-id='{lead}'] [data-testid=move-menu] button").ClickAsync();
        await page.Locator("[data-testid='move-to-Proposal']").ClickAsync();

        Assert.True(await watch.WaitAsync(TimeSpan.FromSeconds(60), timeout.Token), "The move never reached the circuit on the other instance.");
        await Expect(page.Locator($"[data-testid='column-Proposal'] [data-lead-id='{lead}']")).ToBeVisibleAsync();
        Assert.Empty(boards.Errors);
        await page.SaveScreenshotAsync("scale-out-board-through-proxy");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what()}.");
            await Task.Delay(20);
        }
    }
}
