using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>The import page in the real app: a file with bad rows is previewed, the bad rows skipped, the rest imported.</summary>
public sealed class ImportBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private string _connectionString = "";
    private AppServer _app = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresServer.CreateDatabaseAsync(nameof(ImportBrowserTests));
        _app = new AppServer(_connectionString, new() { ["Seed:Demo"] = "true" });
        _ = _app.BaseUrl;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task A_manager_reads_the_problems_of_three_bad_rows_skips_them_imports_the_rest_and_sees_the_leads_on_the_board()
    {
        var p = "Imported " + Guid.NewGuid().ToString("N")[..6];
        var csv = "Title,Deal,Stage,Value,Organizations\r\n" +
                  $"{p} alpha,{p} deal,On Hold,\"1.234,50\",{p} Acme\r\n" +
                  $"{p} bad stage,{p} deal,Closed Won,,{p} Acme\r\n" +
                  $"{p} beta,{p} deal,On Hold,,{p} Beta\r\n" +
                  $"{p} no party,{p} deal,On Hold,,\r\n" +
                  $",{p} deal,On Hold,,{p} Acme\r\n";
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(_app.BaseUrl, Roles.Manager);
        await page.GotoInteractiveAsync(_app.BaseUrl + "/import");
        await Expect(page).ToHaveTitleAsync("Import · DealTracker");

        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "leads.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });

        var problems = page.Locator("[data-testid=import-problem]");
        // Upload, read and a preview of every row, the import code's first run in this app: on a loaded 2-core CI
        // machine that has taken longer than the default 15 s.
        await Expect(problems).ToHaveCountAsync(3, new() { Timeout = 60_000 });
        await Expect(problems.Nth(0)).ToContainTextAsync("\"Closed Won\" is not a stage; stages are: New");
        await Expect(problems.Nth(1)).ToContainTextAsync("A lead needs at least one individual or organization.");
        await Expect(problems.Nth(2)).ToContainTextAsync("Give the lead a title.");
        await Expect(page.Locator("[data-testid=import-counts]")).ToContainTextAsync("2 to create");
        await Expect(page.Locator("[data-testid=import-run]")).ToBeDisabledAsync();

        await page.GetByLabel("Skip the 3 row(s) with problems and import the rest").CheckAsync();
        await page.Locator("[data-testid=import-run]").ClickAsync();

        var summary = page.Locator("[data-testid=import-summary]");
        await Expect(summary).ToContainTextAsync("2 created, 0 matched and left as they were, 0 updated, 3 skipped.");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-testid=import-skipped-csv]").ClickAsync());
        Assert.Equal("skipped-leads.csv", download.SuggestedFilename);
        var skipped = ExportedCsv.Read(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Equal(["3", "5", "6"], skipped.Column("Row"));
        Assert.StartsWith("Stage: \"Closed Won\" is not a stage", skipped.Rows[0]["Reason"]);
        await page.SaveScreenshotAsync("import-summary");

        await page.GotoInteractiveAsync(_app.BaseUrl + "/pipeline");
        var onHold = page.Locator("[data-testid='column-On Hold']");
        await Expect(onHold.Locator("[data-testid=lead-card]", new() { HasText = $"{p} alpha" })).ToBeVisibleAsync();
        await Expect(onHold.Locator("[data-testid=lead-card]", new() { HasText = $"{p} beta" })).ToBeVisibleAsync();
    }
}
