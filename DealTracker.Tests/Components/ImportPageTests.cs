using Bunit;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Import;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace DealTracker.Tests.Components;

/// <summary>The import page over a real database: an uploaded file is read, mapped and previewed before anything is written.</summary>
public sealed class ImportPageTests : ComponentTestBase
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_preview_lists_each_problem_by_row_and_column_counts_the_rows_and_writes_nothing()
    {
        var p = TestData.Unique("Preview");
        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<ImportPage>(1);
            builder.CloseComponent();
        });
        var csv = "Title;Deal;Stage;Value;Organizations\r\n" +
                  $"{p} one;{p} deal;New;1.234,50;{p} Acme (Customer, primary)\r\n" +
                  $"{p} two;{p} deal;Closed Won;;{p} Acme\r\n" +
                  $"{p} three;{p} deal;;12,3,4;\r\n";

        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "leads.csv"));

        await host.WaitForAssertionAsync(() => Assert.NotEmpty(host.FindAll("[data-testid=import-problem]")), Wait);
        var problems = host.FindAll("[data-testid=import-problem]")
            .Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(
        [
            "3 | Stage | \"Closed Won\" is not a stage; stages are: New, Qualified, Discovery, Proposal, Negotiation, Won, Lost, On Hold",
            "4 | Value | \"12,3,4\" is not an amount (write 1234.50, 1,234.50 or 1.234,50)",
            "4 | Organizations | A lead needs at least one individual or organization.",
        ], problems);
        var counts = host.Find("[data-testid=import-counts]").TextContent;
        Assert.Contains("1 to create", counts);
        Assert.Contains("2 with problems", counts);
        Assert.Contains("semicolon separated", host.Find("[data-testid=import-file-read]").TextContent);
        Assert.True(host.Find("[data-testid=import-run]").HasAttribute("disabled")); // bad rows are only skipped when chosen
        Assert.Equal(0L, await new DatabaseProbe(ConnectionString).ScalarAsync<long>(
            "SELECT count(*) FROM leads WHERE title LIKE $1 || '%'", p));
    }

    [Fact]
    public async Task Import_another_file_starts_with_an_empty_upload_box()
    {
        var p = TestData.Unique("Again");
        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<ImportPage>(1);
            builder.CloseComponent();
        });
        var firstUpload = host.FindComponent<InputFile>().Instance;
        host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            $"Title;Deal;Stage;Organizations\r\n{p} one;{p} deal;New;{p} Acme (Customer, primary)\r\n", "first.csv"));
        await host.WaitForAssertionAsync(() => Assert.False(host.Find("[data-testid=import-run]").HasAttribute("disabled")), Wait);
        Assert.Contains("first.csv", host.Find("[data-testid=import-file-read]").TextContent);

        await host.Find("[data-testid=import-run]").ClickAsync(new());
        await host.WaitForAssertionAsync(() => host.Find("[data-testid=import-summary]"), Wait);
        await host.Find("[data-testid=import-again]").ClickAsync(new());

        await host.WaitForAssertionAsync(() => Assert.Empty(host.FindAll("[data-testid=import-summary]")), Wait);
        Assert.Empty(host.FindAll("[data-testid=import-file-read]"));
        Assert.NotSame(firstUpload, host.FindComponent<InputFile>().Instance); // a new file input: the browser shows no file chosen
    }
}
