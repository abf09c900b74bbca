using Bunit;
using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Pipeline;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Components;

/// <summary>The board's one-line toolbar over real services: filter chips, and the chart and compact cards remembered.</summary>
public sealed class PipelineToolbarTests : ComponentTestBase
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

    [Fact]
    public async Task A_filter_set_under_Filters_shows_as_a_chip_whose_close_button_removes_only_that_filter()
    {
        var deal = await Data.DealAsync(name: "Chip Harbour deal");
        var lead = await Data.LeadAsync(dealId: deal, title: "Chip lead", stage: "New");
        var page = RenderPage($"?deal={deal}&q=Chip");
        page.WaitForElement($"[data-lead-id='{lead}']");

        var chip = page.WaitForElement("[data-testid=filter-chip]");
        Assert.Contains("Deal: Chip Harbour deal", chip.TextContent);
        Assert.Contains("Filters (1)", page.Find("[data-testid=toggle-filters]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=pipeline-filters]")); // the panel starts closed

        await chip.QuerySelector("button")!.ClickAsync(new());

        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        Assert.DoesNotContain("deal=", uri);
        Assert.Contains("q=Chip", uri);
    }

    [Fact]
    public async Task The_chart_starts_closed_and_the_chart_and_compact_cards_come_back_as_the_user_left_them()
    {
        ActAs(ActingUser.Manager(await Services.CreateUserAsync(Roles.Manager)));
        var lead = await Data.LeadAsync(title: "Layout lead", stage: "New");
        var first = RenderPage("?q=Layout");
        first.WaitForElement($"[data-lead-id='{lead}']");
        Assert.Empty(first.FindAll("[data-testid=pipeline-chart]"));
        Assert.Empty(first.FindAll(".board-card-compact"));

        await ClickAsync(first, "toggle-compact");
        first.WaitForElement($".board-card-compact[data-lead-id='{lead}']");
        await ClickAsync(first, "toggle-chart");
        first.WaitForElement("[data-testid=pipeline-chart]");

        await DisposeComponentsAsync(); // the page is closed; the next one is a new visit
        var again = RenderPage("?q=Layout");
        again.WaitForElement($".board-card-compact[data-lead-id='{lead}']");
        again.WaitForElement("[data-testid=pipeline-chart]");
        Assert.Equal("true", again.Find("[data-testid=toggle-compact]").GetAttribute("aria-pressed"));
        Assert.Equal("true", again.Find("[data-testid=toggle-chart]").GetAttribute("aria-pressed"));
    }
}
