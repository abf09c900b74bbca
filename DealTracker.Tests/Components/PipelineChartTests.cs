using Bunit;
using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Pipeline;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Components;

/// <summary>
/// The board's chart over real services: one currency at a time (remembered) and a table with the exact figures. The
/// bars and their compact labels are drawn at the size the browser gives them, so PipelineChartBrowserTests reads
/// those; CompactMoneyTests covers the formatting rule.
/// </summary>
public sealed class PipelineChartTests : ComponentTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
    }

    private IRenderedComponent<IComponent> RenderPage(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("/pipeline" + query);
        return RenderWithProviders<PipelinePage>();
    }

    /// <summary>Two USD deals (3,604,480 together) in Proposal and one EUR deal of 327,680 in New, all titled <paramref name="word"/>.</summary>
    private async Task ArrangeAsync(string word)
    {
        await Data.LeadAsync(dealId: await Data.DealAsync(value: 3_000_000m, currency: "USD"), title: $"{word} one", stage: "Proposal");
        await Data.LeadAsync(dealId: await Data.DealAsync(value: 604_480m, currency: "USD"), title: $"{word} two", stage: "Proposal");
        await Data.LeadAsync(dealId: await Data.DealAsync(value: 327_680m, currency: "EUR"), title: $"{word} three", stage: "New");
    }

    private static async Task<IRenderedComponent<IComponent>> OpenChartAsync(IRenderedComponent<IComponent> page)
    {
        page.WaitForElement("[data-testid=lead-card]");
        if (page.FindAll("[data-testid=pipeline-chart]").Count == 0)
            await ClickAsync(page, "toggle-chart");
        page.WaitForElement("[data-testid=pipeline-chart-figure], [data-testid=pipeline-chart-table]");
        return page;
    }

    [Fact]
    public async Task The_chart_shows_one_currency_at_a_time_and_the_users_currency_comes_back()
    {
        ActAs(ActingUser.Manager(await Services.CreateUserAsync(Roles.Manager)));
        await ArrangeAsync("Chartcurrency");
        var page = await OpenChartAsync(RenderPage("?q=Chartcurrency"));

        // USD has the most deals, so it comes first; EUR is not on the same axis.
        var figure = page.Find("[data-testid=pipeline-chart-figure]");
        Assert.Equal("true", page.Find("[data-testid=chart-currency-USD]").GetAttribute("aria-pressed"));
        Assert.Equal("false", page.Find("[data-testid=chart-currency-EUR]").GetAttribute("aria-pressed"));
        Assert.StartsWith("Deal value per stage in USD: ", figure.GetAttribute("aria-label"));
        Assert.Contains("New none", figure.GetAttribute("aria-label"));
        Assert.Contains("Proposal USD 3,604,480", figure.GetAttribute("aria-label"));
        Assert.DoesNotContain("EUR", figure.GetAttribute("aria-label"));

        await ClickAsync(page, "chart-currency-EUR");
        page.WaitForAssertion(() => Assert.Contains("New EUR 327,680",
            page.Find("[data-testid=pipeline-chart-figure]").GetAttribute("aria-label")));
        Assert.Contains("Proposal none", page.Find("[data-testid=pipeline-chart-figure]").GetAttribute("aria-label"));
        Assert.Contains("Deal value per stage in EUR", page.Find("[data-testid=pipeline-chart]").TextContent);

        await DisposeComponentsAsync(); // a new visit: the currency is the one the user chose
        var again = await OpenChartAsync(RenderPage("?q=Chartcurrency"));
        Assert.Equal("true", again.Find("[data-testid=chart-currency-EUR]").GetAttribute("aria-pressed"));
        Assert.Contains("New EUR 327,680", again.Find("[data-testid=pipeline-chart-figure]").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Show_as_table_gives_the_same_figures_in_exact_amounts()
    {
        await ArrangeAsync("Charttable");
        var page = await OpenChartAsync(RenderPage("?q=Charttable"));

        await ClickAsync(page, "chart-as-table");

        var proposal = page.WaitForElement("[data-testid=chart-row-Proposal]");
        Assert.Equal(["Proposal", "2", "USD 3,604,480", "USD 1,802,240"], proposal.Children.Select(c => c.TextContent.Trim()));
        Assert.Equal(["New", "0", "USD 0", "USD 0"], page.Find("[data-testid=chart-row-New]").Children.Select(c => c.TextContent.Trim()));
        Assert.Equal("true", page.Find("[data-testid=chart-as-table]").GetAttribute("aria-pressed"));
        Assert.Empty(page.FindAll("[data-testid=pipeline-chart-figure]"));
        Assert.NotNull(page.Find("[data-testid=pipeline-chart-table] caption"));

        await ClickAsync(page, "chart-currency-EUR");
        page.WaitForAssertion(() => Assert.Equal(["New", "1", "EUR 327,680", "EUR 163,840"],
            page.Find("[data-testid=chart-row-New]").Children.Select(c => c.TextContent.Trim())));
    }
}
