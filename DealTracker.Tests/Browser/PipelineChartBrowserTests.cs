using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>The board's chart as drawn in Chromium with demo data: labels large enough to read, at a laptop and a phone.</summary>
public sealed class PipelineChartBrowserTests(BrowserFixture browser, DemoAppFixture app, ITestOutputHelper output)
    : IClassFixture<BrowserFixture>, IClassFixture<DemoAppFixture>
{
    [Theory]
    [InlineData(1366, 900)]
    [InlineData(390, 844)]
    public async Task The_chart_labels_are_drawn_at_12_px_or_more_in_compact_money_without_overlapping_and_the_table_fits(int width, int height)
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(app.BaseUrl, Roles.Admin);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoInteractiveAsync(app.BaseUrl + "/pipeline");
        await Expect(page.Locator("[data-testid=lead-card]").First).ToBeVisibleAsync();
        if (await page.Locator("[data-testid=pipeline-chart]").CountAsync() == 0)
            await page.Locator("[data-testid=toggle-chart]").ClickAsync();
        var figure = page.Locator("[data-testid=pipeline-chart-figure]");
        await Expect(figure.Locator("svg text:visible").First).ToBeVisibleAsync();

        // The size a reader sees: the font size times the drawing's scale on the screen.
        var labels = await figure.EvaluateAsync<string[]>("""
            el => [...el.querySelectorAll('svg text')].filter(t => t.textContent.trim() && t.getClientRects().length).map(t =>
                (parseFloat(getComputedStyle(t).fontSize) * t.closest('svg').getScreenCTM().a).toFixed(1) + ' ' + t.textContent.trim())
            """);
        output.WriteLine($"{width} px: " + string.Join(" | ", labels));
        await page.SaveScreenshotAsync($"pipeline-chart-{width}");
        Assert.NotEmpty(labels);
        Assert.All(labels, label => Assert.True(double.Parse(label.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) >= 12, $"Label drawn too small: {label}"));
        Assert.Contains(labels, label => System.Text.RegularExpressions.Regex.IsMatch(label.Split(' ', 2)[1], @"^\d+(\.\d)?[kMB]$"));
        Assert.DoesNotContain(labels, label => System.Text.RegularExpressions.Regex.IsMatch(label.Split(' ', 2)[1], @"^\d{5,}$"));

        // The stage names (every label shown that is not an amount) each in a box of its own, inside the figure.
        var overlaps = await figure.EvaluateAsync<string[]>("""
            el => {
              const frame = el.getBoundingClientRect();
              const stages = [...el.querySelectorAll('svg text')].filter(t => t.textContent.trim() && t.getClientRects().length && !/^-?[\d.,]+[kMB]?$/.test(t.textContent.trim()))
                .map(t => ({ name: t.textContent.trim(), box: t.getBoundingClientRect() }));
              const problems = [];
              stages.forEach((a, i) => {
                if (a.box.left < frame.left - 1 || a.box.right > frame.right + 1 || a.box.top < frame.top - 1 || a.box.bottom > frame.bottom + 1)
                  problems.push(a.name + ' is cut off by the figure');
                stages.slice(i + 1).forEach(b => {
                  if (a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom)
                    problems.push(a.name + ' overlaps ' + b.name);
                });
              });
              return stages.length < 2 ? ['fewer than two stage names drawn'] : problems;
            }
            """);
        Assert.Empty(overlaps);

        await page.Locator("[data-testid=chart-as-table]").ClickAsync();
        var table = page.Locator("[data-testid=pipeline-chart-table]");
        await Expect(table).ToBeVisibleAsync();
        await page.SaveScreenshotAsync($"pipeline-chart-table-{width}");
        var overflow = await page.EvaluateAsync<double>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page scrolls sideways by {overflow} px with the chart's table open");
        await page.Context.CloseAsync();
    }
}
