using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>
/// The board starts at the top of the screen (a one-line toolbar, the chart closed) and compact cards fit eight or more
/// to a column: measured in Chromium on the real app with demo data, at a laptop and a phone.
/// </summary>
public sealed class PipelineLayoutBrowserTests(BrowserFixture browser, DemoAppFixture app, ITestOutputHelper output)
    : IClassFixture<BrowserFixture>, IClassFixture<DemoAppFixture>
{
    private async Task<IPage> BoardAsync(string role, int width, int height)
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(app.BaseUrl, role);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoInteractiveAsync(app.BaseUrl + "/pipeline");
        await Expect(page.Locator("[data-testid=lead-card]").First).ToBeVisibleAsync();
        return page;
    }

    private static Task<double> TopAsync(ILocator locator) =>
        locator.EvaluateAsync<double>("el => el.getBoundingClientRect().top");

    [Theory]
    [InlineData(1366, 900, 200)]
    [InlineData(390, 844, 844)]
    public async Task The_first_card_starts_near_the_top_of_the_page(int width, int height, int limit)
    {
        var page = await BoardAsync(Roles.Manager, width, height);
        await Expect(page.Locator("[data-testid=pipeline-chart]")).ToHaveCountAsync(0); // closed until the user opens it

        var contentTop = await TopAsync(page.Locator("[data-testid=pipeline-toolbar]"));
        var cardTop = await TopAsync(page.Locator("[data-testid=lead-card]").First);
        output.WriteLine($"{width}×{height}: toolbar at y={contentTop}, first card at y={cardTop}");
        await page.SaveScreenshotAsync($"pipeline-top-{width}");
        if (width > 600)
            Assert.True(cardTop - contentTop <= limit, $"The first card is {cardTop - contentTop} px below the top of the content");
        else
            Assert.True(cardTop < limit, $"The first card starts at y={cardTop}, below the first screen ({limit} px)");
    }

    [Fact]
    public async Task Compact_cards_show_eight_or_more_to_a_column_at_1366_by_900_with_text_of_12_px_or_more()
    {
        var page = await BoardAsync(Roles.Admin, 1366, 900);
        await page.Locator("[data-testid=toggle-compact]").ClickAsync();
        await Expect(page.Locator(".board-card-compact").First).ToBeVisibleAsync();

        // Cards whole inside their column's scrolling area and inside the window, in the fullest column.
        var visible = await page.EvaluateAsync<int>("""
            () => Math.max(...[...document.querySelectorAll('.board-column-cards')].map(area => {
                const box = area.getBoundingClientRect();
                return [...area.querySelectorAll('.board-card-compact')].filter(card => {
                    const r = card.getBoundingClientRect();
                    return r.top >= box.top - 1 && r.bottom <= Math.min(box.bottom, window.innerHeight) + 1;
                }).length;
            }))
            """);
        var smallestText = await page.EvaluateAsync<double>("""
            () => Math.min(...[...document.querySelectorAll('.board-card-compact *')]
                .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && el.getClientRects().length)
                .map(el => parseFloat(getComputedStyle(el).fontSize)))
            """);
        output.WriteLine($"compact: {visible} cards visible in the fullest column; smallest text {smallestText} px");
        await page.SaveScreenshotAsync("pipeline-compact-1366");
        Assert.True(visible >= 8, $"Only {visible} compact cards are visible in a column");
        Assert.True(smallestText >= 12, $"Compact cards have text of {smallestText} px");

        await page.SetViewportSizeAsync(390, 844);
        await page.SaveScreenshotAsync("pipeline-compact-390");
    }
}
