using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>
/// A value forced past a field's limit (its maxlength removed, as an attacker would) reaches the server and is
/// refused next to the field: nothing says "saved" that was not.
/// </summary>
public sealed class OverlongInputBrowserTests(BrowserFixture browser, DemoAppFixture app)
    : IClassFixture<BrowserFixture>, IClassFixture<DemoAppFixture>
{
    [Theory]
    // Anything over 20,000 characters is cut to that in the browser (wwwroot/js/input-guard.js) so that it fits the
    // circuit's message size, and then refused all the same.
    [InlineData(5_000, 5_000)]
    [InlineData(50_000, 20_000)]
    [InlineData(1_000_000, 20_000)]
    public async Task A_title_forced_past_its_limit_is_refused_visibly_and_nothing_is_saved(int typed, int arrives)
    {
        var probe = new DatabaseProbe(app.ConnectionString);
        var leadId = await probe.ScalarAsync<long>("SELECT id FROM leads ORDER BY id DESC LIMIT 1");
        var before = await probe.ScalarAsync<string>($"SELECT title FROM leads WHERE id = {leadId}");
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(app.BaseUrl, Roles.Manager);
        await page.GotoInteractiveAsync(app.BaseUrl + $"/leads/{leadId}");
        var title = page.GetByLabel("Title");
        await title.EvaluateAsync("field => field.removeAttribute('maxlength')");

        await title.FillAsync(new string('x', typed));
        await page.Locator("[data-testid=save]").ClickAsync();

        await Expect(page.GetByText("The title can be at most 200 characters.")).ToBeVisibleAsync();
        await Expect(page.GetByText($"{arrives} / 200")).ToBeVisibleAsync(); // the counter: the server holds every character that arrived
        await Expect(page.Locator(".mud-snackbar")).ToHaveCountAsync(0);
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        Assert.Equal(before, await probe.ScalarAsync<string>($"SELECT title FROM leads WHERE id = {leadId}"));
    }
}
