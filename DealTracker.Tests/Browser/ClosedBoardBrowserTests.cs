using DealTracker.Data;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.Live;
using DealTracker.Tests.Data;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DealTracker.Tests.Browser;

/// <summary>A board whose tab was closed costs the database nothing, though its circuit is kept for a reconnect.</summary>
[Collection(SerialCollection.Name)]
public sealed class ClosedBoardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private string _connectionString = "";
    private AppServer _app = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(nameof(ClosedBoardBrowserTests));
        _app = new AppServer(_connectionString, new() { ["Seed:Demo"] = "true" });
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDealTrackerData(_connectionString);
        services.AddActingUserForTests();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _app.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task A_move_after_the_board_tab_was_closed_causes_no_board_read()
    {
        var baseUrl = await _app.StartListeningAsync();
        var notifier = _app.Services.GetRequiredService<ChangeNotifier>();
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(baseUrl, Roles.Manager);
        await page.GotoInteractiveAsync(baseUrl + "/pipeline");
        await Assertions.Expect(page.Locator("[data-testid=lead-card]").First).ToBeVisibleAsync();
        await WaitUntilAsync(() => notifier.SubscriberCount == 1, "the open board listens for changes", () => notifier.SubscriberCount);

        // A tab that goes without saying goodbye (crashed, or its "disconnect" beacon lost, as offline): the server
        // keeps its circuit for minutes in case the browser comes back. Without the circuit's connection state the
        // board would stay subscribed all that time and re-read the board on every change.
        await page.Context.SetOfflineAsync(true);
        await page.CloseAsync();
        await WaitUntilAsync(() => notifier.SubscriberCount == 0, "the closed board stops listening", () => notifier.SubscriberCount);

        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var probe = notifier.Subscribe(batch =>
        {
            if (batch.Touches("lead_status"))
                delivered.TrySetResult();
            return Task.CompletedTask;
        });
        var lead = await new DatabaseProbe(_connectionString).ScalarAsync<long>(
            "SELECT lead_id FROM lead_status WHERE stage = 'Discovery' ORDER BY lead_id LIMIT 1");
        await _services.GetRequiredService<LeadService>().MoveLeadToStageAsync(lead, "Proposal", null, null);
        // The move's own statements are done; from here on every statement on this database would be a board read.
        using var counter = new QueryCounter(_connectionString);
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, counter.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what, Func<int> subscribers)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting until {what} (subscribers: {subscribers()}).");
            await Task.Delay(20);
        }
    }
}
