using System.Net;
using System.Text.RegularExpressions;
using DealTracker.Data.Export;
using DealTracker.Data.Identity;
using DealTracker.Data.Seeding;
using DealTracker.Tests.Support;
using DealTracker.Web.Export;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Microsoft.Playwright.Assertions;
using DemoAccount = DealTracker.Data.Seeding.DemoDataSeeder.DemoAccount;

namespace DealTracker.Tests.Browser;

/// <summary>The Export CSV buttons and endpoints of the real app with demo data: what you see is what you get.</summary>
public sealed class ExportBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private string _connectionString = "";
    private AppServer _app = null!;
    private readonly LogCapture _exports = new(ExportEndpoints.LogCategory);

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(nameof(ExportBrowserTests));
        _app = new AppServer(_connectionString, new()
        {
            ["Seed:Demo"] = "true",
            [$"Logging:LogLevel:{ExportEndpoints.LogCategory}"] = "Information",
        });
        _ = _app.BaseUrl;
        _app.Services.GetRequiredService<ILoggerFactory>().AddProvider(_exports);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    private static DemoAccount Account(string role) => DemoDataSeeder.DemoAccounts.First(a => a.Role == role);

    [Fact]
    public async Task The_leads_export_under_a_search_and_sort_holds_exactly_the_rows_the_page_shows()
    {
        var sales = Account(Roles.Sales);
        var db = new DatabaseProbe(_connectionString);
        // A deal with a handful of the Sales user's (or unassigned) leads: the filtered list fits on one page.
        var term = await db.ScalarAsync<string>($"""
            SELECT d.name FROM deals d JOIN leads l ON l.deal_id = d.id
            WHERE l.owner_user_id IS NULL OR l.owner_user_id = (SELECT id FROM users WHERE email = '{sales.Email}')
            GROUP BY d.name HAVING count(*) BETWEEN 2 AND 10 ORDER BY d.name LIMIT 1
            """);

        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(_app.BaseUrl, Roles.Sales);
        await page.GotoInteractiveAsync(_app.BaseUrl + "/leads");
        var export = page.Locator("[data-testid=export-csv]");
        await page.Locator("[data-testid=leads] th", new() { HasText = "Title" }).Locator(".mud-table-sort-label").ClickAsync();
        await Expect(export).ToHaveAttributeAsync("href", new Regex("sort=Title"));
        await page.GetByLabel("Search title, deal, organization or person").FillAsync(term);
        // The link follows the page once the search has reloaded the table.
        await Expect(export).ToHaveAttributeAsync("href", new Regex("q=" + Regex.Escape(Uri.EscapeDataString(term)).Replace("%20", "(%20|\\+)")));

        var download = await page.RunAndWaitForDownloadAsync(() => export.ClickAsync());

        Assert.Matches(@"^leads-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var csv = ExportedCsv.Read(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.InRange(csv.Rows.Count, 2, 25);
        // The table shows the filtered rows once its reload lands (the unfiltered first page has 25).
        var links = page.Locator("[data-testid=leads] [data-testid=lead-link]");
        await Expect(links).ToHaveCountAsync(csv.Rows.Count);
        var shown = await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(shown.Select(href => href.Replace("/leads/", "")), csv.Column("Id"));
        Assert.Equal(csv.Column("Title").OrderBy(t => t, StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, true)),
            csv.Column("Title"), StringComparer.OrdinalIgnoreCase);
        Assert.All(csv.Column("Owner"), owner => Assert.Contains(owner, new[] { "", sales.Email }));
        Assert.Contains(_exports.Messages, m => m.Contains("Export of leads by " + sales.Email) && m.Contains($"{csv.Rows.Count} rows"));
        await page.SaveScreenshotAsync("leads-export");
    }

    [Fact]
    public async Task The_board_export_link_carries_the_boards_filter()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(_app.BaseUrl, Roles.Manager);
        await page.GotoInteractiveAsync(_app.BaseUrl + "/pipeline?q=acme&owner=none");

        await Expect(page.Locator("[data-testid=export-csv]")).ToHaveAttributeAsync("href", "/export/pipeline?q=acme&owner=none");
    }

    [Theory]
    [InlineData("leads")]
    [InlineData("deals")]
    [InlineData("organizations")]
    [InlineData("individuals")]
    [InlineData("contacts")]
    [InlineData("pipeline")]
    public async Task Every_list_and_the_board_download_as_a_named_utf8_csv_and_each_export_is_logged(string list)
    {
        using var client = await SignedInClientAsync(Account(Roles.Manager));

        using var response = await client.GetAsync($"/export/{list}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(ExportService.FileName(list, DateOnly.FromDateTime(DateTime.UtcNow)), response.Content.Headers.ContentDisposition?.FileName);
        var csv = ExportedCsv.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv.Bytes[..3]);
        Assert.NotEmpty(csv.Rows);
        Assert.Contains(_exports.Messages, m => m.Contains($"Export of {list} by {Account(Roles.Manager).Email}") && m.Contains($"{csv.Rows.Count} rows"));
    }

    [Fact]
    public async Task Nobody_signed_out_can_export()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_app.BaseUrl) };

        using var response = await client.GetAsync("/export/leads");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location?.OriginalString);
    }

    private async Task<HttpClient> SignedInClientAsync(DemoAccount account)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(_app.BaseUrl),
        };
        var response = await DemoAppFixture.PostLoginAsync(client, account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return client;
    }
}
