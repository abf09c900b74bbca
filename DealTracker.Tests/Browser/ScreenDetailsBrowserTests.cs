using System.Text.RegularExpressions;
using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>
/// What a user sees on the screens beyond what axe checks: layout at a laptop and a phone, titles, wording, focus.
/// The real app with demo data, in Chromium.
/// </summary>
public sealed class ScreenDetailsBrowserTests(BrowserFixture browser, DemoAppFixture app)
    : IClassFixture<BrowserFixture>, IClassFixture<DemoAppFixture>
{
    private DatabaseProbe Probe => new(app.ConnectionString);

    private async Task<IPage> SignedInAsync(string role = Roles.Manager, int width = 1366, int height = 900)
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(app.BaseUrl, role);
        await page.SetViewportSizeAsync(width, height);
        return page;
    }

    private static Task<double> HeightAsync(ILocator locator) =>
        locator.EvaluateAsync<double>("el => el.getBoundingClientRect().height");

    [Fact]
    public async Task Show_more_sits_below_a_columns_cards_at_full_height()
    {
        var page = await SignedInAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/pipeline");
        var column = page.Locator("section.board-column:has([data-testid=load-more])").First;
        var showMore = column.Locator("[data-testid=load-more]");
        await Expect(showMore).ToBeVisibleAsync();

        var cardsBottom = await column.Locator(".board-column-cards").EvaluateAsync<double>("el => el.getBoundingClientRect().bottom");
        var button = (await showMore.BoundingBoxAsync())!;
        Assert.True(button.Height >= 28, $"Show more is squeezed to {button.Height} px");
        Assert.True(button.Y >= cardsBottom - 1, $"Show more (top {button.Y}) overlaps the cards (bottom {cardsBottom})");
        await Expect(showMore).ToHaveTextAsync(new Regex(@"^Show more \(\d[\d,]* not shown\)$"));
    }

    [Fact]
    public async Task On_a_phone_the_header_keeps_the_title_and_an_account_menu_with_sign_out()
    {
        var page = await SignedInAsync(Roles.Sales, 390, 844);
        await page.GotoInteractiveAsync(app.BaseUrl + "/overview");

        var appBar = page.Locator("header.mud-appbar");
        Assert.True(await HeightAsync(appBar) <= 64, "the header grew: something in it wraps");
        var account = page.GetByRole(AriaRole.Button, new() { Name = "Account: Sam Seller" });
        var box = (await account.BoundingBoxAsync())!;
        Assert.True(box.X + box.Width <= 390, "the account button is cut off at the right edge");

        await account.ClickAsync();
        await Expect(page.Locator("[data-testid=account-menu-name]")).ToHaveTextAsync("Sam Seller");
        var signOut = page.Locator("[data-testid=sign-out]");
        await Expect(signOut).ToBeInViewportAsync(new() { Ratio = 1 });
        await page.SaveScreenshotAsync("phone-account-menu");
        await signOut.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task A_missing_or_someone_elses_record_is_titled_not_found_never_new()
    {
        var page = await SignedInAsync(Roles.Sales);
        var theirs = await Probe.ScalarAsync<long>(
            "SELECT l.id FROM leads l JOIN users u ON u.id = l.owner_user_id WHERE u.email = 'sales2@dealtracker.local' ORDER BY l.id LIMIT 1");

        await page.GotoInteractiveAsync(app.BaseUrl + $"/leads/{theirs}");
        await Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Lead not found · DealTracker");

        await page.GotoInteractiveAsync(app.BaseUrl + "/deals/987654321");
        await Expect(page.Locator("[data-testid=not-found]")).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Deal not found · DealTracker");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Deal not found");
    }

    [Fact]
    public async Task Deal_totals_show_with_the_list_and_count_deals_in_words()
    {
        var page = await SignedInAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/deals");

        var totals = page.Locator("[data-testid=deal-totals]");
        await Expect(totals).ToBeVisibleAsync(); // without typing anything in the search first
        foreach (var chip in await totals.Locator(".mud-chip").AllInnerTextsAsync())
            Assert.Matches(new Regex(@"^[A-Z]{3} [\d,]+ · (1 deal|[\d,]+ deals)$"), chip.Trim());
    }

    [Fact]
    public async Task Move_to_shows_stage_names_as_written_and_Lost_puts_the_cursor_in_Reason()
    {
        var page = await SignedInAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/pipeline");
        var card = page.Locator("[data-testid='column-Proposal'] [data-testid=lead-card]").First;
        await card.Locator("[data-testid=move-menu] button").ClickAsync();

        var negotiation = page.Locator("[data-testid='move-to-Negotiation']");
        await Expect(negotiation).ToBeVisibleAsync();
        Assert.Equal("Negotiation", (await negotiation.EvaluateAsync<string>("el => el.innerText")).Trim()); // as rendered, capitals included
        await page.Locator("[data-testid='move-to-Lost']").ClickAsync();

        await Expect(page.GetByLabel("Reason", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Budget");
        await Expect(page.GetByLabel("Reason", new() { Exact = true })).ToHaveValueAsync("Budget");
        await page.Locator("[data-testid=reason-cancel]").ClickAsync();
    }

    [Fact]
    public async Task The_leads_list_shows_deal_figures_dates_on_one_line_and_filters_of_one_height()
    {
        var page = await SignedInAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/leads");
        var headers = page.Locator("[data-testid=leads] thead th");
        await Expect(headers).ToContainTextAsync(["Title", "Deal", "Stage", "Organization or individual", "Value", "Probability", "Close date", "Owner", "Last updated"]);

        var withValue = await Probe.ScalarAsync<long>(
            "SELECT count(*) FROM leads l JOIN deals d ON d.id = l.deal_id WHERE d.value_amount IS NOT NULL");
        Assert.True(withValue > 0);
        await Expect(page.Locator("[data-testid=lead-value]", new() { HasTextRegex = new Regex(@"^\s*[A-Z]{3} [\d,]+\s*$") }).First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=lead-probability]", new() { HasTextRegex = new Regex(@"\d %") }).First).ToBeVisibleAsync();

        var lines = await page.Locator("[data-testid=lead-updated]").First.EvaluateAsync<int>(
            "el => { const r = document.createRange(); r.selectNodeContents(el); return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }");
        Assert.Equal(1, lines);

        var heights = new List<double>();
        foreach (var field in new[] { "search", "stage-filter", "owner-filter" })
            heights.Add(await page.Locator($"[data-testid={field}]").First.EvaluateAsync<double>(
                "el => el.closest('.mud-input-control').querySelector('.mud-input').getBoundingClientRect().height"));
        Assert.True(heights.Max() - heights.Min() <= 1, $"filter heights differ: {string.Join(", ", heights)}");
    }

    [Fact]
    public async Task The_owner_field_is_underlined_like_every_other_field_on_the_lead_form()
    {
        var page = await SignedInAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/leads/new");
        var owner = page.Locator("[data-testid=owner-picker]").First;
        await Expect(owner).ToBeAttachedAsync();
        var inputClass = await owner.EvaluateAsync<string>("el => el.closest('.mud-input-control').querySelector('.mud-input').className");
        Assert.Contains("mud-input-underline", inputClass);
        Assert.DoesNotContain("mud-input-outlined", inputClass);
    }

    [Fact]
    public async Task An_individual_lists_the_leads_their_contact_record_is_on()
    {
        var (individual, title) = (await Probe.ScalarAsync<long>("""
            SELECT c.individual_id FROM contacts c JOIN lead_contacts lc ON lc.contact_id = c.id
            WHERE NOT EXISTS (SELECT 1 FROM lead_individuals li WHERE li.individual_id = c.individual_id AND li.lead_id = lc.lead_id)
            ORDER BY c.individual_id LIMIT 1
            """), "");
        title = await Probe.ScalarAsync<string>($"""
            SELECT l.title FROM leads l JOIN lead_contacts lc ON lc.lead_id = l.id JOIN contacts c ON c.id = lc.contact_id
            WHERE c.individual_id = {individual} ORDER BY l.title LIMIT 1
            """);
        var page = await SignedInAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + $"/individuals/{individual}");

        await Expect(page.Locator("[data-testid=linked-lead]", new() { HasText = title }).First).ToContainTextAsync("as contact");
        await Expect(page.Locator("[data-testid=no-leads]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_overview_puts_stages_beside_the_figures_without_an_empty_half()
    {
        var page = await SignedInAsync();
        await page.GotoInteractiveAsync(app.BaseUrl + "/overview");
        var figures = (await page.Locator("[data-testid=figure-deals]").BoundingBoxAsync())!;
        var stages = (await page.Locator("[data-testid=stage-table]").BoundingBoxAsync())!;
        Assert.True(stages.X > figures.X + 300, "the stage table sits beside the figures");
        Assert.True(Math.Abs(stages.Y - figures.Y) < 60, $"the stage table starts at {stages.Y}, the figures at {figures.Y}");
        await page.SaveScreenshotAsync("overview-1366");
    }
}
