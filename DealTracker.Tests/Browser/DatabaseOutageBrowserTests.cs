using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Tests.Support;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>
/// The database goes away under an open lead form and an open board, and comes back: both circuits live, the typed
/// values stay, Save says plainly that nothing was saved, and works once the database answers again. The test stops
/// and starts a PostgreSQL cluster of its own: the shared test server stays up for every other test class.
/// </summary>
public sealed class DatabaseOutageBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private PostgresCluster _cluster = null!;
    private AppServer _app = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartNewAsync();
        _connectionString = await PostgresServer.CreateEmptyDatabaseOnAsync(_cluster.AdminConnectionString, "outage");
        _app = new AppServer(_connectionString, new() { ["Seed:Demo"] = "true" });
        await _app.StartListeningAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_lead_form_and_a_board_survive_a_database_restart_and_the_typed_values_are_saved_after_it()
    {
        var probe = new DatabaseProbe(_connectionString);
        var form = await browser.NewPageAsync();
        await form.SignInAsAsync(_app.BaseUrl, Roles.Manager);
        var board = await form.Context.NewPageAsync();
        await board.GotoInteractiveAsync(_app.BaseUrl + "/pipeline");
        await Expect(board.Locator("[data-testid=board-loading]")).ToHaveCountAsync(0);
        var cardLink = await board.Locator("[data-testid=lead-card-title]").First.GetAttributeAsync("href");
        var leadId = long.Parse(cardLink!["/leads/".Length..]);
        var reader = await form.Context.NewPageAsync();
        await reader.GotoInteractiveAsync(_app.BaseUrl + "/leads");
        var leadLink = reader.Locator("#main-content a[href^='/leads/']:not([href$='/new'])").First;
        await Expect(leadLink).ToBeVisibleAsync();
        await form.GotoInteractiveAsync(_app.BaseUrl + $"/leads/{leadId}");
        var title = TestData.Unique("Typed while the database was away");
        await form.GetByLabel("Title").FillAsync(title);

        await _cluster.StopAsync();

        await form.Locator("[data-testid=save]").ClickAsync();
        await Expect(form.Locator("[data-testid=form-error]")).ToHaveTextAsync(DatabaseUnavailableException.NotAnswering);
        await Expect(form.GetByLabel("Title")).ToHaveValueAsync(title);
        await Expect(form.Locator("[data-testid=save]")).ToBeEnabledAsync();
        // The board's own reads fail too, and say so, instead of ending its circuit.
        await board.Locator("[data-testid=toggle-chart]").ClickAsync();
        await board.GetByLabel("My leads").ClickAsync();
        await Expect(board.Locator("[data-testid=board-error]")).ToBeVisibleAsync();
        // A page that cannot load at all fails alone, inside the error boundary; the circuit goes on.
        await leadLink.ClickAsync();
        await Expect(reader.Locator("[data-testid=page-error]")).ToBeVisibleAsync();
        await Expect(reader.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await form.SaveScreenshotAsync("database-away-lead-form");
        await Expect(form.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await Expect(board.Locator("#blazor-error-ui")).ToBeHiddenAsync();

        await _cluster.StartAsync();

        await form.Locator("[data-testid=save]").ClickAsync();
        await Expect(form.Locator(".mud-snackbar")).ToContainTextAsync("Lead saved.");
        await Expect(form.Locator("[data-testid=form-error]")).ToHaveCountAsync(0);
        Assert.Equal(title, await probe.ScalarAsync<string>($"SELECT title FROM leads WHERE id = {leadId}"));
        await reader.Locator("[data-testid=page-error-retry]").ClickAsync();
        await Expect(reader.GetByLabel("Title")).ToBeVisibleAsync();
        // The board comes back by itself once the database reports changes again.
        await board.GetByLabel("My leads").ClickAsync();
        await Expect(board.Locator("[data-testid=board-error]")).ToHaveCountAsync(0);
        await Expect(board.GetByText(title)).ToBeVisibleAsync();
    }
}
