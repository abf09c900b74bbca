using System.Globalization;
using System.Text.RegularExpressions;
using DealTracker.Data.Identity;
using DealTracker.Data.Seeding;
using DealTracker.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>
/// History and next steps as a user meets them, on the real app with demo data in Chromium: a move made on the board
/// is the newest line of the lead's timeline, in the mover's name; a next step set in the past marks the card overdue
/// and lands on the owner's overview.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class HistoryBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private string _connectionString = "";
    private AppServer _app = null!;
    private readonly List<IPage> _pages = [];

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(nameof(HistoryBrowserTests));
        _app = new AppServer(_connectionString, new() { ["Seed:Demo"] = "true" });
    }

    public async Task DisposeAsync()
    {
        // Open boards and lead pages keep live circuits: close them so the tests stay independent.
        foreach (var page in _pages)
            await page.Context.CloseAsync();
        await _app.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    private async Task<IPage> SignedInAsync(string role, string path)
    {
        var page = await browser.NewPageAsync();
        _pages.Add(page);
        await page.SignInAsAsync(_app.BaseUrl, role);
        await page.GotoInteractiveAsync(_app.BaseUrl + path);
        return page;
    }

    private static ILocator Card(IPage page, long leadId) => page.Locator($"[data-testid=lead-card][data-lead-id='{leadId}']");

    private static string DisplayName(string role) => DemoDataSeeder.DemoAccounts.First(a => a.Role == role).DisplayName;

    [Fact]
    public async Task A_move_on_the_board_is_the_newest_event_on_the_leads_timeline_in_the_movers_name()
    {
        var page = await SignedInAsync(Roles.Manager, "/pipeline");
        var lead = await new DatabaseProbe(_connectionString).ScalarAsync<long>(
            "SELECT lead_id FROM lead_status WHERE stage = 'Qualified' ORDER BY stage_entered_at DESC, lead_id DESC LIMIT 1");

        await Card(page, lead).Locator("[data-testid=move-menu] button").ClickAsync();
        await page.Locator("[data-testid='move-to-Proposal']").ClickAsync();
        await Expect(page.Locator($"[data-testid='column-Proposal'] [data-lead-id='{lead}']")).ToBeVisibleAsync();

        await Card(page, lead).Locator("[data-testid=lead-card-title]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/leads/{lead}$"));
        var newest = page.Locator("[data-testid=timeline-entry]").First;
        await Expect(newest).ToContainTextAsync($"{DisplayName(Roles.Manager)} moved this lead from Qualified to Proposal");
        await Expect(page.Locator("[data-testid=timeline-day]").First).ToHaveTextAsync("Today");
        await page.SaveScreenshotAsync("history-lead-timeline-after-move");
    }

    [Fact]
    public async Task A_next_step_set_in_the_past_marks_the_card_overdue_and_shows_on_the_owners_overview()
    {
        var seller = DemoDataSeeder.DemoAccounts.First(a => a.Role == Roles.Sales);
        var probe = new DatabaseProbe(_connectionString);
        var page = await SignedInAsync(Roles.Sales, "/overview"); // starts the app, which loads the demo data
        var lead = await probe.ScalarAsync<long>("""
            SELECT l.id FROM leads l JOIN users u ON u.id = l.owner_user_id JOIN lead_status s ON s.lead_id = l.id
            WHERE u.email = $1 AND s.stage IN ('New', 'Qualified', 'Discovery') AND l.next_step IS NULL
            ORDER BY l.id LIMIT 1
            """, seller.Email);
        var title = await probe.ScalarAsync<string>("SELECT title FROM leads WHERE id = $1", lead);
        var threeDaysAgo = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3); // App__TimeZone is UTC here
        const string what = "Call back about the pilot budget";

        await page.GotoInteractiveAsync(_app.BaseUrl + $"/leads/{lead}");
        await page.Locator("[data-testid=next-step-add]").ClickAsync();
        await page.GetByLabel("What", new() { Exact = true }).FillAsync(what);
        var date = page.GetByLabel("Due date", new() { Exact = true });
        await date.FillAsync(threeDaysAgo.ToString("M/d/yyyy", CultureInfo.GetCultureInfo("en-US")));
        await date.PressAsync("Enter");
        await page.Locator("[data-testid=next-step-save]").ClickAsync();
        await Expect(page.GetByText("Next step saved.")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=next-step-current]")).ToContainTextAsync($"{what} — overdue since");
        await Expect(page.Locator("[data-testid=timeline-entry]").First)
            .ToContainTextAsync($"{seller.DisplayName} set the next step of this lead: {what}");
        await page.SaveScreenshotAsync("history-lead-next-step-overdue");
        Assert.Equal(threeDaysAgo, DateOnly.FromDateTime(
            await probe.ScalarAsync<DateTime>("SELECT next_step_due_on::timestamp FROM leads WHERE id = $1", lead)));

        await page.GotoInteractiveAsync(_app.BaseUrl + "/pipeline?next=overdue");
        var step = Card(page, lead).Locator("[data-testid=lead-card-next-step]");
        await Expect(step).ToHaveAttributeAsync("data-overdue", "true");
        await Expect(step).ToContainTextAsync($"Overdue: {what}");
        await Expect(step).ToHaveClassAsync(new Regex("mud-error-text"));
        await page.SaveScreenshotAsync("history-board-overdue-card");

        await page.GotoInteractiveAsync(_app.BaseUrl + "/overview");
        var item = page.Locator("[data-testid=my-next-step]", new() { HasText = what });
        await Expect(item).ToContainTextAsync($"{what} — overdue since");
        await Expect(item.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveAttributeAsync("href", $"/leads/{lead}");
        await page.SaveScreenshotAsync("history-overview-next-steps");
    }
}
