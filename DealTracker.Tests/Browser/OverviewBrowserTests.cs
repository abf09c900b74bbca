using System.Net;
using DealTracker.Data.Identity;
using DealTracker.Data.Seeding;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Browser;

/// <summary>The real app on Kestrel with demo data, driven by Chromium.</summary>
public sealed class OverviewBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private string _connectionString = "";
    private AppServer _app = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(nameof(OverviewBrowserTests));
        _app = new AppServer(_connectionString, new() { ["Seed:Demo"] = "true" });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Overview_shows_the_demo_figures_from_the_database()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(_app.BaseUrl, Roles.Manager); // a manager's figures cover every lead
        await page.GotoInteractiveAsync(_app.BaseUrl + "/");

        var db = new DatabaseProbe(_connectionString);
        var deals = await db.ScalarAsync<long>("SELECT count(*) FROM deals");
        var leads = await db.ScalarAsync<long>("SELECT count(*) FROM leads");
        var discovery = await db.ScalarAsync<long>("SELECT count(*) FROM lead_status WHERE stage = 'Discovery'");
        Assert.True(deals > 50, "the demo pipeline was loaded");

        Assert.Equal(deals.ToString("N0"), await page.Locator("[data-testid=figure-deals]").InnerTextAsync());
        Assert.Equal(leads.ToString("N0"), await page.Locator("[data-testid=figure-leads]").InnerTextAsync());
        Assert.Equal(discovery.ToString(), await page.Locator("[data-testid='stage-count-Discovery']").InnerTextAsync());
        Assert.Equal("Overview · DealTracker", await page.TitleAsync());
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM deals WHERE name = '{DemoDataSeeder.ExampleDealName}'"));
        await page.SaveScreenshotAsync("overview");
    }

    [Fact]
    public async Task Overview_updates_live_when_a_lead_is_added_elsewhere()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(_app.BaseUrl, Roles.Manager);
        await page.GotoInteractiveAsync(await _app.StartListeningAsync() + "/");
        var db = new DatabaseProbe(_connectionString);
        var before = await db.ScalarAsync<long>("SELECT count(*) FROM lead_status WHERE stage = 'On Hold'");

        var lead = await db.ScalarAsync<long>("SELECT lead_id FROM lead_status WHERE stage = 'New' ORDER BY lead_id LIMIT 1");
        await db.ExecuteAsync($"UPDATE lead_status SET stage = 'On Hold' WHERE lead_id = {lead}");

        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid='stage-count-On Hold']"))
            .ToHaveTextAsync((before + 1).ToString());
    }

    [Fact]
    public async Task Health_answers_200_while_the_database_is_reachable()
    {
        using var client = new HttpClient();
        var response = await client.GetAsync(_app.BaseUrl + "/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class HealthWithoutDatabaseTests
{
    [Fact]
    public async Task Health_answers_503_when_the_database_is_unreachable()
    {
        await using var app = new AppServer("Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Timeout=2",
            new() { ["Database:MigrateOnStartup"] = "false" });
        using var client = new HttpClient();
        var response = await client.GetAsync(app.BaseUrl + "/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
