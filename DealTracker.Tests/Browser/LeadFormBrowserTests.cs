using System.Text.RegularExpressions;
using DealTracker.Data;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.Seeding;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>The lead form and the records around it, in Chromium against the real app.</summary>
public sealed class LeadFormBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private string _connectionString = "";
    private AppServer _app = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(nameof(LeadFormBrowserTests));
        // Demo accounts to sign in with; the tests' own rows are arranged by the system actor.
        _app = new AppServer(_connectionString, new() { ["Seed:Demo"] = "true" });
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDealTrackerData(_connectionString);
        services.AddActingUserForTests();
        _services = services.BuildServiceProvider();
    }

    /// <summary>A page signed in as the demo manager, who sees and edits everything.</summary>
    private async Task<IPage> ManagerPageAsync()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(_app.BaseUrl, Roles.Manager);
        return page;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _app.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    private static ILocator Dialog(IPage page) => page.Locator(".mud-dialog").Last;

    /// <summary>Opens a MudSelect inside <paramref name="scope"/> and picks the option with exactly this text.</summary>
    private static async Task ChooseAsync(IPage page, ILocator scope, string option)
    {
        await scope.Locator(".mud-select .mud-input").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item")
            .Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") }).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Create_a_lead_with_an_inline_organization_and_a_contact_then_find_edit_and_reload_it()
    {
        var page = await ManagerPageAsync();
        var title = TestData.Unique("Browser lead");
        await page.GotoInteractiveAsync(_app.BaseUrl + "/leads/new");
        await page.GetByLabel("Title").FillAsync(title);

        // The rule is shown before saving.
        await Expect(page.Locator("[data-testid=party-rule]")).ToBeVisibleAsync();

        // A new deal, made without leaving the form.
        await page.Locator("[data-testid=new-deal]").ClickAsync();
        await Dialog(page).GetByLabel("Name").FillAsync("Browser deal");
        await Dialog(page).GetByLabel("Value amount").FillAsync("25000");
        await page.SaveScreenshotAsync("deal-dialog");
        await page.Locator("[data-testid=create-deal]").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        // A new organization, made inline, comes straight back as the primary organization.
        await page.Locator("[data-testid=organizations-new]").ClickAsync();
        await Dialog(page).GetByLabel("Name").FillAsync("Inline Org Ltd");
        await Dialog(page).GetByLabel("Website").FillAsync("https://inline.example");
        await page.Locator("[data-testid=create-org]").ClickAsync();
        var orgRow = page.Locator("[data-testid=organizations-row]");
        await Expect(orgRow).ToContainTextAsync("Inline Org Ltd");
        await ChooseAsync(page, orgRow, "Customer");
        await Expect(page.Locator("[data-testid=party-rule]")).ToHaveCountAsync(0);

        // A contact with a role: the person is created in a dialog on top of the contact dialog.
        await page.Locator("[data-testid=contacts-new]").ClickAsync();
        await page.Locator("[data-testid=new-individual]").ClickAsync();
        await Dialog(page).GetByLabel("Given name").FillAsync("Casey");
        await Dialog(page).GetByLabel("Family name").FillAsync("Browser");
        await Dialog(page).GetByLabel("Email").FillAsync("casey@inline.example");
        await page.SaveScreenshotAsync("individual-dialog");
        await page.Locator("[data-testid=create-individual]").ClickAsync();
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(1);
        await Dialog(page).GetByLabel("Title").FillAsync("CTO");
        await page.SaveScreenshotAsync("contact-dialog");
        await page.Locator("[data-testid=create-contact]").ClickAsync();
        var contactRow = page.Locator("[data-testid=contacts-row]");
        await Expect(contactRow).ToContainTextAsync("Casey Browser");
        await ChooseAsync(page, contactRow, "Decision Maker");
        await page.SaveScreenshotAsync("lead-form-new");

        await page.Locator("[data-testid=save]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/leads/\\d+$"));
        await Expect(page.GetByText("Lead created.")).ToBeVisibleAsync();

        // Found in the list by the organization's name.
        await page.GotoInteractiveAsync(_app.BaseUrl + "/leads");
        await page.GetByLabel("Search title, deal, organization or person").FillAsync("inline org");
        var link = page.Locator("[data-testid=lead-link]", new() { HasText = title });
        await Expect(link).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=leads] tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid=leads] tbody tr")).ToContainTextAsync("Inline Org Ltd");
        // New records belong to their creator.
        await Expect(page.Locator("[data-testid=lead-owner]")).Not.ToHaveTextAsync("Unassigned");
        await page.SaveScreenshotAsync("leads-list");
        await link.ClickAsync();

        // Edit and save.
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync(title);
        await page.GetByLabel("Title").FillAsync(title + " edited");
        await ChooseAsync(page, page.Locator("[data-testid=lead-stage-field]"), "Proposal");
        await page.Locator("[data-testid=save]").ClickAsync();
        await Expect(page.GetByText("Lead saved.")).ToBeVisibleAsync();

        // The changes are there after a reload.
        await page.ReloadAsync();
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync(title + " edited");
        await Expect(page.Locator("[data-testid=lead-stage]")).ToHaveValueAsync("Proposal");
        await Expect(orgRow).ToContainTextAsync("Inline Org Ltd");
        await Expect(orgRow.Locator("[data-testid=organizations-value]")).ToHaveValueAsync("Customer");
        await Expect(contactRow.Locator("[data-testid=contacts-value]")).ToHaveValueAsync("Decision Maker");
        await page.SaveScreenshotAsync("lead-form-edit");
    }

    [Fact]
    public async Task A_concurrent_edit_shows_what_changed_and_keep_mine_overwrites_deliberately()
    {
        var data = new TestData(_services);
        var leadId = await data.LeadAsync(title: "Shared lead");
        var url = $"{_app.BaseUrl}/leads/{leadId}";
        var first = await ManagerPageAsync();
        var second = await ManagerPageAsync();
        await first.GotoInteractiveAsync(url);
        await second.GotoInteractiveAsync(url);

        await first.GetByLabel("Title").FillAsync("First user's title");
        await first.Locator("[data-testid=save]").ClickAsync();
        await Expect(first.GetByText("Lead saved.")).ToBeVisibleAsync();

        await second.GetByLabel("Title").FillAsync("Second user's title");
        await second.Locator("[data-testid=save]").ClickAsync();
        var conflict = second.Locator("[data-testid=conflict]");
        await Expect(conflict).ToContainTextAsync("First user's title");
        await second.SaveScreenshotAsync("lead-form-conflict");
        var saved = (await _services.GetRequiredService<LeadService>().GetLeadForEditAsync(leadId))!;
        Assert.Equal("First user's title", saved.Title);

        await second.Locator("[data-testid=conflict-keep-mine]").ClickAsync();
        await Expect(second.GetByText("Lead saved.")).ToBeVisibleAsync();
        await Expect(conflict).ToHaveCountAsync(0);
        await first.ReloadAsync();
        await Expect(first.GetByLabel("Title")).ToHaveValueAsync("Second user's title");
    }

    [Fact]
    public async Task Record_forms_render_and_hostile_text_shows_as_text()
    {
        var data = new TestData(_services);
        var hostile = "<b>bold</b><script>window.pwned=1</script> " + Guid.NewGuid().ToString("N")[..6];
        var org = await data.OrganizationAsync(hostile);
        var person = await data.IndividualAsync("Ada", "Forms");
        var contact = await data.ContactAsync(person, org);
        var deal = await data.DealAsync("Forms deal");
        var page = await ManagerPageAsync();

        await page.GotoInteractiveAsync($"{_app.BaseUrl}/organizations/{org}");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync(hostile);
        await Expect(page.Locator("h1")).ToHaveTextAsync(hostile);
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned"));
        await page.SaveScreenshotAsync("organization-form");

        foreach (var (path, name) in new[] { ($"/individuals/{person}", "individual-form"), ($"/contacts/{contact}", "contact-form"),
                     ($"/deals/{deal}", "deal-form"), ("/deals", "deals-list"), ("/organizations", "organizations-list"),
                     ("/individuals", "individuals-list"), ("/contacts", "contacts-list") })
        {
            await page.GotoInteractiveAsync(_app.BaseUrl + path);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await page.SaveScreenshotAsync(name);
        }
    }

    [Fact]
    public async Task Sales_opening_another_users_lead_or_deal_by_url_sees_not_found_or_not_yours()
    {
        // Signing in starts the app, which seeds the demo accounts and their leads.
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(_app.BaseUrl, Roles.Sales);
        var colleague = DemoDataSeeder.DemoAccounts.Last(a => a.Role == Roles.Sales);
        Assert.NotEqual(colleague, DemoDataSeeder.DemoAccounts.First(a => a.Role == Roles.Sales));
        var probe = new DatabaseProbe(_connectionString);
        var theirs = $"(SELECT id FROM users WHERE email = '{colleague.Email}')";
        var lead = await probe.ScalarAsync<long>($"SELECT id FROM leads WHERE owner_user_id = {theirs} ORDER BY id LIMIT 1");
        var leadTitle = await probe.ScalarAsync<string>($"SELECT title FROM leads WHERE id = {lead}");
        var dealName = TestData.Unique("Colleague deal");
        var deal = await new TestData(_services).DealAsync(dealName,
            ownerUserId: await probe.ScalarAsync<long>($"SELECT id FROM users WHERE email = '{colleague.Email}'"));

        await page.GotoInteractiveAsync($"{_app.BaseUrl}/leads/{lead}");
        await Expect(page.Locator("[data-testid=not-found]")).ToContainTextAsync("not found, or it is not yours");
        await Expect(page.GetByLabel("Title")).ToHaveCountAsync(0);
        Assert.DoesNotContain(leadTitle, await page.ContentAsync());
        await page.SaveScreenshotAsync("lead-not-yours");

        await page.GotoInteractiveAsync($"{_app.BaseUrl}/deals/{deal}");
        await Expect(page.Locator("[data-testid=not-found]")).ToContainTextAsync("not found, or it is not yours");
        Assert.DoesNotContain(dealName, await page.ContentAsync());
    }
}
