using DealTracker.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>The board on the real app with demo data, in Chromium; and two app instances over one database.</summary>
public sealed class PipelineBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private string _connectionString = "";
    private AppServer _app = null!;

    public async Task InitializeAsync()
    {
        // A board's first load can take seconds on a busy CI machine; the live deadline below stays one second.
        SetDefaultExpectTimeout(15_000);
        _connectionString = await PostgresServer.CreateDatabaseAsync(nameof(PipelineBrowserTests));
        _app = new AppServer(_connectionString, new() { ["Seed:Demo"] = "true" });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    private static ILocator Column(IPage page, string stage) => page.Locator($"[data-testid='column-{stage}']");

    private static ILocator Card(IPage page, long leadId) => page.Locator($"[data-testid=lead-card][data-lead-id='{leadId}']");

    private async Task<long> NewestLeadInAsync(string stage) => await new DatabaseProbe(_connectionString).ScalarAsync<long>(
        $"SELECT lead_id FROM lead_status WHERE stage = '{stage}' ORDER BY updated_at DESC, lead_id DESC LIMIT 1");

    /// <summary>A drag as a user makes it: press, move over the target (twice, so it sees dragover), release.</summary>
    private static async Task DragAsync(IPage page, ILocator source, ILocator target)
    {
        await source.HoverAsync();
        await page.Mouse.DownAsync();
        await target.HoverAsync(new() { Position = new() { X = 40, Y = 40 } });
        await target.HoverAsync(new() { Position = new() { X = 50, Y = 50 } });
        await page.Mouse.UpAsync();
    }

    [Fact]
    public async Task Dragging_a_card_to_another_column_moves_the_lead_and_it_stays_there_after_a_reload()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync(_app.BaseUrl + "/pipeline");
        var lead = await NewestLeadInAsync("New");
        await Expect(Column(page, "New").Locator($"[data-lead-id='{lead}']")).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("pipeline-board");

        await DragAsync(page, Card(page, lead).Locator("[data-testid=lead-card-value]"), page.Locator("[data-testid='dropzone-Qualified']"));

        await Expect(Column(page, "Qualified").Locator($"[data-lead-id='{lead}']")).ToBeVisibleAsync();
        await Expect(page.GetByText("Moved \"")).ToBeVisibleAsync();
        Assert.Equal("Qualified", await new DatabaseProbe(_connectionString)
            .ScalarAsync<string>($"SELECT stage FROM lead_status WHERE lead_id = {lead}"));

        await page.ReloadAsync();
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(Column(page, "Qualified").Locator($"[data-lead-id='{lead}']")).ToBeVisibleAsync();
        await Expect(Column(page, "New").Locator($"[data-lead-id='{lead}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Won_and_Lost_start_folded_and_a_folded_column_shows_its_count_and_stays_folded()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync(_app.BaseUrl + "/pipeline");
        var won = await new DatabaseProbe(_connectionString).ScalarAsync<long>("SELECT count(*) FROM lead_status WHERE stage = 'Won'");

        await Expect(Column(page, "Won")).ToHaveAttributeAsync("data-folded", "true");
        await Expect(Column(page, "Lost")).ToHaveAttributeAsync("data-folded", "true");
        await Expect(Column(page, "Won").Locator("[data-testid=column-count]")).ToHaveTextAsync(won.ToString());

        await Column(page, "Proposal").Locator("[data-testid=fold-column]").ClickAsync();
        await Expect(Column(page, "Proposal")).ToHaveAttributeAsync("data-folded", "true");
        await page.SaveScreenshotAsync("pipeline-folded-column");

        await page.ReloadAsync();
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(Column(page, "Proposal")).ToHaveAttributeAsync("data-folded", "true");
        await Column(page, "Proposal").Locator("[data-testid=unfold-column]").ClickAsync();
        await Expect(Column(page, "Proposal")).ToHaveAttributeAsync("data-folded", "false");
    }

    [Fact]
    public async Task Filters_live_in_the_url_so_a_bookmarked_view_opens_filtered()
    {
        var page = await browser.NewPageAsync();
        await page.GotoInteractiveAsync(_app.BaseUrl + "/pipeline?q=ACME%20Expansion");

        await Expect(Column(page, "Discovery").Locator("[data-testid=lead-card]")).ToHaveCountAsync(1);
        await Expect(Column(page, "Discovery").Locator("[data-testid=column-count]")).ToHaveTextAsync("1");
        await Expect(page.Locator("input[data-testid=filter-search]")).ToHaveValueAsync("ACME Expansion");

        await page.Locator("[data-testid=filter-clear]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/pipeline$"));
    }

    [Fact]
    public async Task A_move_on_one_app_instance_shows_on_the_other_instances_board_within_a_second()
    {
        await using var other = new AppServer(_connectionString);
        var first = await browser.NewPageAsync();
        var second = await browser.NewPageAsync();
        await first.GotoInteractiveAsync(await _app.StartListeningAsync() + "/pipeline");
        await second.GotoInteractiveAsync(await other.StartListeningAsync() + "/pipeline");
        var lead = await NewestLeadInAsync("Discovery");
        await Expect(Column(second, "Discovery").Locator($"[data-lead-id='{lead}']")).ToBeVisibleAsync();

        await Card(first, lead).Locator("[data-testid=move-menu] button").ClickAsync();
        await first.Locator("[data-testid='move-to-Proposal']").ClickAsync();
        await Expect(first.GetByText("Moved \"")).ToBeVisibleAsync();

        await Expect(Column(second, "Proposal").Locator($"[data-lead-id='{lead}']"))
            .ToBeVisibleAsync(new() { Timeout = 1_000 });
        await Expect(Column(second, "Discovery").Locator($"[data-lead-id='{lead}']")).ToHaveCountAsync(0);
    }
}
