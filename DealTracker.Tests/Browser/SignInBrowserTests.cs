using DealTracker.Data.Identity;
using DealTracker.Data.Seeding;
using DealTracker.Data.Users;
using Microsoft.Extensions.DependencyInjection;
using DealTracker.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>Chromium signs in as each demo role and sees what that role may open, and no more.</summary>
public sealed class SignInBrowserTests(BrowserFixture browser, DemoAppFixture app)
    : IClassFixture<BrowserFixture>, IClassFixture<DemoAppFixture>
{
    private static ILocator NavLink(IPage page, string href) => page.Locator($".mud-navmenu a[href='{href}']");

    [Theory]
    [InlineData(Roles.Sales, false)]
    [InlineData(Roles.Manager, false)]
    [InlineData(Roles.Admin, true)]
    public async Task Each_role_sees_only_the_navigation_it_may_open(string role, bool seesUsers)
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(app.BaseUrl, role);
        await page.GotoInteractiveAsync(app.BaseUrl + "/");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/pipeline$"));
        await Expect(NavLink(page, "/overview")).ToBeVisibleAsync();
        await Expect(NavLink(page, "/admin/users")).ToHaveCountAsync(seesUsers ? 1 : 0);
        var account = DemoDataSeeder.DemoAccounts.First(a => a.Role == role);
        await Expect(page.Locator("[data-testid=signed-in-user]")).ToHaveTextAsync(account.DisplayName);

        await page.GotoAsync(app.BaseUrl + "/admin/users");
        if (seesUsers)
            await Expect(page.Locator("h1")).ToHaveTextAsync("Users");
        else
            await Expect(page.Locator("[data-testid=not-allowed]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_navigation_marks_the_current_page_and_follows_the_user_from_page_to_page()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(app.BaseUrl, Roles.Admin);
        await page.GotoInteractiveAsync(app.BaseUrl + "/leads");
        await Expect(NavLink(page, "/leads")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.Locator(".mud-navmenu a[aria-current=page]")).ToHaveCountAsync(1);

        await NavLink(page, "/admin/users").ClickAsync(); // on the circuit, without a page load
        await Expect(page.Locator("h1")).ToHaveTextAsync("Users");
        await Expect(NavLink(page, "/admin/users")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(NavLink(page, "/admin/users")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bactive\b"));
        await Expect(NavLink(page, "/leads")).Not.ToHaveAttributeAsync("aria-current", "page");

        await page.GotoInteractiveAsync(app.BaseUrl + "/overview");
        await Expect(NavLink(page, "/overview")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.Locator(".mud-navmenu a[aria-current=page]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Anonymous_visitors_sign_in_first_and_land_where_they_were_going()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/admin/users");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2Fadmin%2Fusers"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Sign in");
        await page.SaveScreenshotAsync("login");

        var admin = DemoDataSeeder.DemoAccounts.First(a => a.Role == Roles.Admin);
        await page.GetByLabel("Email").FillAsync(admin.Email);
        await page.GetByLabel("Password").FillAsync(admin.Password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(app.BaseUrl + "/admin/users");
        await Expect(page.Locator("[data-testid=user-name]").First).ToBeVisibleAsync();

        await page.Locator("[data-testid=account-menu-button] button").ClickAsync();
        await page.Locator("[data-testid=sign-out]").ClickAsync();
        await Expect(page.Locator("[data-testid=signed-out]")).ToBeVisibleAsync();
        await page.GotoAsync(app.BaseUrl + "/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task A_sales_user_sees_figures_over_their_own_and_unassigned_leads_only()
    {
        var probe = new DatabaseProbe(app.ConnectionString);
        var sales1 = DemoDataSeeder.DemoAccounts.First(a => a.Role == Roles.Sales);
        var me = await probe.ScalarAsync<long>($"SELECT id FROM users WHERE email = '{sales1.Email}'");
        var visible = await probe.ScalarAsync<long>($"SELECT count(*) FROM leads WHERE owner_user_id IS NULL OR owner_user_id = {me}");
        var all = await probe.ScalarAsync<long>("SELECT count(*) FROM leads");
        var othersOwned = await probe.ScalarAsync<long>($"SELECT count(*) FROM leads WHERE owner_user_id <> {me}");
        Assert.True(othersOwned > 0, "the demo leads are spread over both sales users");

        var page = await browser.NewPageAsync();
        await page.SignInAsync(app.BaseUrl, sales1.Email, sales1.Password);
        await page.GotoInteractiveAsync(app.BaseUrl + "/overview");

        await Expect(page.Locator("[data-testid=figure-leads]")).ToHaveTextAsync(visible.ToString("N0"));
        Assert.NotEqual(all, visible);
    }

    [Fact]
    public async Task An_admin_creates_a_user_who_can_then_sign_in()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(app.BaseUrl, Roles.Admin);
        await page.GotoInteractiveAsync(app.BaseUrl + "/admin/users");
        await Expect(page.Locator("[data-testid=user-name]").First).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("admin-users");

        var email = $"casey-{Guid.NewGuid():N}"[..14] + "@example.com";
        await page.Locator("[data-testid=user-create]").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByLabel("Name").FillAsync("Casey Newhire");
        await dialog.GetByLabel("Email").FillAsync(email);
        await dialog.GetByLabel("Initial password").FillAsync("short");
        await dialog.Locator("[data-testid=new-user-save]").ClickAsync();
        await Expect(dialog).ToContainTextAsync("Passwords must be at least 10 characters");
        await Expect(dialog.GetByLabel("Name")).ToHaveValueAsync("Casey Newhire"); // typed input stays

        await dialog.GetByLabel("Initial password").FillAsync("casey-first-password");
        await dialog.Locator("[data-testid=new-user-save]").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Casey Newhire can now sign in.");
        await Expect(page.Locator("[data-testid=user-name]", new() { HasText = "Casey Newhire" })).ToBeVisibleAsync();
        await page.SaveScreenshotAsync("admin-users-created");

        var newcomer = await browser.NewPageAsync();
        await newcomer.SignInAsync(app.BaseUrl, email, "casey-first-password");
        await Expect(newcomer.Locator("h1")).ToHaveTextAsync("Pipeline");
    }

    [Fact]
    public async Task A_user_who_owns_leads_is_deleted_only_after_reassigning_them_all()
    {
        long leaver;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var admin = ActivatorUtilities.CreateInstance<UserAdminService>(scope.ServiceProvider, ActingUser.System);
            leaver = await admin.CreateAsync(new NewUser("Jordan Leaver", $"jordan-{Guid.NewGuid():N}"[..15] + "@example.com",
                [Roles.Sales], "jordan-password-1"));
        }
        var probe = new DatabaseProbe(app.ConnectionString);
        var sales1 = DemoDataSeeder.DemoAccounts.First(a => a.Role == Roles.Sales);
        var sam = await probe.ScalarAsync<long>($"SELECT id FROM users WHERE email = '{sales1.Email}'");
        await probe.ExecuteAsync($"UPDATE leads SET owner_user_id = {leaver} WHERE id IN (SELECT id FROM leads WHERE owner_user_id = {sam} ORDER BY id LIMIT 2)");

        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(app.BaseUrl, Roles.Admin);
        await page.GotoInteractiveAsync(app.BaseUrl + "/admin/users");
        var row = page.Locator("tr", new() { Has = page.Locator("[data-testid=user-name]", new() { HasText = "Jordan Leaver" }) });
        await row.Locator("[data-testid=user-delete]").ClickAsync();

        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync("owns 2 leads and 0 deals, so they cannot be deleted yet");
        await dialog.Locator("[data-testid=reassign-target]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = sales1.DisplayName }).ClickAsync();
        await dialog.Locator("[data-testid=reassign-save]").ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync($"Reassigned 2 leads and 0 deals to {sales1.DisplayName}. Deleted Jordan Leaver.");
        await Expect(row).ToHaveCountAsync(0);
        Assert.Equal(0L, await probe.ScalarAsync<long>($"SELECT count(*) FROM users WHERE id = {leaver}"));
        Assert.Equal(0L, await probe.ScalarAsync<long>($"SELECT count(*) FROM leads WHERE owner_user_id = {leaver}"));
    }
}
