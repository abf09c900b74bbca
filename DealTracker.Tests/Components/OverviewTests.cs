using Bunit;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Overview;

namespace DealTracker.Tests.Components;

public sealed class OverviewTests : ComponentTestBase
{
    [Fact]
    public void Empty_database_shows_a_helpful_empty_state()
    {
        var page = Render<Overview>();
        page.WaitForAssertion(() => Assert.Contains("There are no deals yet", page.Find("[data-testid=overview-empty]").TextContent));
    }

    [Fact]
    public async Task Figures_come_from_the_database_with_each_deal_counted_once_per_currency()
    {
        var usdDeal = await Data.DealAsync(value: 1000m, currency: "USD", probability: 50m);
        await Data.LeadAsync(usdDeal, stage: "New");
        await Data.LeadAsync(usdDeal, stage: "Proposal"); // same deal, second open lead: value counted once
        var eurDeal = await Data.DealAsync(value: 400m, currency: "EUR", probability: 25m);
        await Data.LeadAsync(eurDeal, stage: "Qualified");
        var wonDeal = await Data.DealAsync(value: 9999m, currency: "USD");
        await Data.LeadAsync(wonDeal, stage: "Won"); // closed: not in the open pipeline

        var page = Render<Overview>();

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid=figure-deals]").TextContent));
        Assert.Equal("4", page.Find("[data-testid=figure-leads]").TextContent);
        Assert.Contains("USD 1,000", page.Find("[data-testid=open-value-USD]").TextContent);
        Assert.Contains("weighted USD 500", page.Find("[data-testid=open-value-USD]").TextContent);
        Assert.Contains("EUR 400", page.Find("[data-testid=open-value-EUR]").TextContent);
        Assert.Equal("1", page.Find("[data-testid='stage-count-Proposal']").TextContent);
        Assert.Equal("1", page.Find("[data-testid='stage-count-Won']").TextContent);
        Assert.Equal("0", page.Find("[data-testid='stage-count-Lost']").TextContent);
    }
}
