using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>The app-bar search in the real app with demo data, from the keyboard, at 1366 px and at 390 px.</summary>
public sealed class GlobalSearchBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private string _connectionString = "";
    private AppServer _app = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(nameof(GlobalSearchBrowserTests));
        _app = new AppServer(_connectionString, new() { ["Seed:Demo"] = "true" });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Theory]
    [InlineData(1366, 800)]
    [InlineData(390, 844)]
    public async Task Ctrl_K_focuses_the_search_and_the_keyboard_alone_opens_a_result(int width, int height)
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(_app.BaseUrl, Roles.Manager);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoInteractiveAsync(_app.BaseUrl + "/overview");
        // After a navigation the page moves focus to its heading (for screen readers); a shortcut pressed after that.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Control+k");
        var search = page.GetByRole(AriaRole.Combobox, new() { Name = "Search" });
        await Expect(search).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("acme");
        var results = page.GetByRole(AriaRole.Listbox, new() { Name = "Search results" });
        // A search waits for a pause in typing, then a server round trip: on a loaded CI machine that can take a while.
        await Expect(results.GetByRole(AriaRole.Option, new() { Name = "ACME Corp" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(results.GetByText("Organizations")).ToBeVisibleAsync();
        var box = await results.BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= width, $"the results fit the {width} px screen");
        await page.SaveScreenshotAsync($"global-search-{width}");

        // Down the list to the organization, then Enter.
        var organization = results.GetByRole(AriaRole.Option, new() { Name = "ACME Corp" });
        var position = (await results.GetByRole(AriaRole.Option).AllInnerTextsAsync()).ToList()
            .FindIndex(text => text.StartsWith("ACME Corp", StringComparison.Ordinal));
        for (var i = 0; i <= position; i++)
            await page.Keyboard.PressAsync("ArrowDown");
        await Expect(organization).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(search).ToHaveAttributeAsync("aria-activedescendant", (await organization.GetAttributeAsync("id"))!);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/organizations/\\d+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("ACME Corp");
    }

    [Fact]
    public async Task Slash_focuses_the_search_unless_typing_in_a_field()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(_app.BaseUrl, Roles.Manager);
        await page.GotoInteractiveAsync(_app.BaseUrl + "/leads");
        var search = page.GetByRole(AriaRole.Combobox, new() { Name = "Search" });

        await page.Locator("body").PressAsync("/");
        await Expect(search).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Avery");
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Avery Nguyen" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);

        var leadSearch = page.GetByLabel("Search title, deal, organization or person");
        await leadSearch.FillAsync("a/b");
        await Expect(leadSearch).ToHaveValueAsync("a/b");
        await Expect(leadSearch).ToBeFocusedAsync();
    }
}
