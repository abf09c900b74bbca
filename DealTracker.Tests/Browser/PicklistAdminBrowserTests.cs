using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>The picklist admin page in Chromium over the demo data, with a second page watching the effect live.</summary>
public sealed class PicklistAdminBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private string _connectionString = "";
    private AppServer _app = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(nameof(PicklistAdminBrowserTests));
        _app = new AppServer(_connectionString, new() { ["Seed:Demo"] = "true" });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Renaming_a_stage_shows_the_new_name_with_the_same_leads_on_an_open_page_without_a_reload()
    {
        var url = await _app.StartListeningAsync();
        var db = new DatabaseProbe(_connectionString);
        var proposals = await db.ScalarAsync<long>("SELECT count(*) FROM lead_status WHERE stage = 'Proposal'");
        Assert.True(proposals > 0, "the demo data has leads in Proposal");

        var overview = await browser.NewPageAsync();
        await overview.SignInAsAsync(url, Roles.Manager); // a manager's overview counts every lead
        await overview.GotoInteractiveAsync(url + "/");
        await Expect(overview.Locator("[data-testid='stage-count-Proposal']")).ToHaveTextAsync(proposals.ToString());

        var admin = await browser.NewPageAsync();
        await admin.SignInAsAsync(url, Roles.Admin);
        await admin.GotoInteractiveAsync(url + "/admin/picklists");
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Picklists" })).ToBeVisibleAsync();
        var stages = admin.Locator("[data-testid='picklist-category-lead_status.stage']");
        await Expect(stages.Locator("[data-testid='picklist-uses-Proposal']")).ToHaveTextAsync($"{proposals} records");
        await admin.SaveScreenshotAsync("picklists-admin");

        await admin.Locator("[data-testid='rename-Proposal']").ClickAsync();
        var name = admin.Locator("input[data-testid=rename-value], [data-testid=rename-value] input");
        await name.FillAsync("Proposal Sent");
        await admin.SaveScreenshotAsync("picklists-rename-dialog");
        await admin.Locator("[data-testid=rename-save]").ClickAsync();

        await Expect(admin.GetByText($"Renamed \"Proposal\" to \"Proposal Sent\"; {proposals} records updated."))
            .ToBeVisibleAsync();
        await Expect(stages.Locator("[data-testid='picklist-uses-Proposal Sent']")).ToHaveTextAsync($"{proposals} records");
        await admin.SaveScreenshotAsync("picklists-admin-renamed");

        // The other page was never reloaded: the change arrived over the live channel.
        await Expect(overview.Locator("[data-testid='stage-count-Proposal Sent']")).ToHaveTextAsync(proposals.ToString());
        await Expect(overview.Locator("[data-testid='stage-count-Proposal']")).ToHaveCountAsync(0);
        Assert.Equal(proposals, await db.ScalarAsync<long>("SELECT count(*) FROM lead_status WHERE stage = 'Proposal Sent'"));
    }

    [Fact]
    public async Task An_admin_sees_another_admins_change_without_a_reload_and_reorders_by_keyboard()
    {
        var url = await _app.StartListeningAsync();
        var admin = await browser.NewPageAsync();
        await admin.SignInAsAsync(url, Roles.Admin);
        await admin.GotoInteractiveAsync(url + "/admin/picklists");
        var roles = admin.Locator("[data-testid='picklist-category-lead_contacts.role_on_lead']");
        await Expect(roles.Locator("[data-testid=picklist-value-name]").First).ToHaveTextAsync("Decision Maker");

        // Another admin (here: straight SQL, as any other app instance would) renames a role.
        var db = new DatabaseProbe(_connectionString);
        await db.ExecuteAsync("""
            UPDATE picklists SET value = 'Billing Contact' WHERE category = 'lead_contacts.role_on_lead' AND value = 'Billing';
            UPDATE lead_contacts SET role_on_lead = 'Billing Contact' WHERE role_on_lead = 'Billing';
            """);
        await Expect(roles.GetByText("Billing Contact")).ToBeVisibleAsync();

        await roles.GetByRole(AriaRole.Button, new() { Name = "Move Decision Maker down" }).FocusAsync();
        await admin.Keyboard.PressAsync("Enter");
        await Expect(roles.Locator("[data-testid=picklist-value-name]").First).ToHaveTextAsync("Economic Buyer");
        Assert.Equal(2, await db.ScalarAsync<int>(
            "SELECT sort_order FROM picklists WHERE category = 'lead_contacts.role_on_lead' AND value = 'Decision Maker'"));
    }

    [Fact]
    public async Task Dragging_a_stage_to_the_top_saves_the_new_order()
    {
        var url = await _app.StartListeningAsync();
        var admin = await browser.NewPageAsync();
        await admin.SignInAsAsync(url, Roles.Admin);
        await admin.GotoInteractiveAsync(url + "/admin/picklists");
        var stages = admin.Locator("[data-testid='picklist-category-lead_status.stage']");
        var names = stages.Locator("[data-testid=picklist-value-name]");
        await Expect(names.First).ToHaveTextAsync("New");

        // Drag by hand in small steps, as a person would: the drop zone tracks the item passing over the others.
        var from = (await stages.Locator("[data-value='On Hold']").BoundingBoxAsync())!;
        var to = (await stages.Locator("[data-value='New']").BoundingBoxAsync())!;
        await admin.Mouse.MoveAsync(from.X + 10, from.Y + from.Height / 2);
        await admin.Mouse.DownAsync();
        await admin.Mouse.MoveAsync(to.X + 10, to.Y + 2, new() { Steps = 25 });
        await admin.Mouse.UpAsync();

        await Expect(names.First).ToHaveTextAsync("On Hold");
        await Expect(admin.GetByText("Saved the new order of lead stages.")).ToBeVisibleAsync();
        var db = new DatabaseProbe(_connectionString);
        Assert.Equal("On Hold, New, Qualified, Discovery, Proposal, Negotiation, Won, Lost", await db.ScalarAsync<string>(
            "SELECT string_agg(value, ', ' ORDER BY sort_order, id) FROM picklists WHERE category = 'lead_status.stage'"));
        Assert.Equal("On Hold, New, Qualified, Discovery, Proposal, Negotiation, Won, Lost",
            string.Join(", ", await names.AllInnerTextsAsync()));
        await admin.SaveScreenshotAsync("picklists-admin-dragged");
    }
}
