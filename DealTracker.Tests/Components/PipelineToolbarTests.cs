using Bunit;
using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Pipeline;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

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

    [Fact]
    public async Task The_owner_list_holds_its_owners_only_while_open_and_choosing_one_filters_the_board_by_them()
    {
        var owner = await Services.CreateUserAsync(Roles.Sales, "Ownerlist Person");
        var lead = await Data.LeadAsync(title: "Ownerlist lead", stage: "New");
        var page = RenderPage("?q=Ownerlist");
        page.WaitForElement($"[data-lead-id='{lead}']");
        // Closed, the list is "Any owner" and "Unassigned" only: each owner would be two components kept while the board is open.
        Assert.Equal(2, page.FindComponent<PipelineFilters>().FindComponents<MudSelectItem<string>>().Count);

        await page.Find(".pipeline-filter-owner .mud-input-control").MouseDownAsync(new());
        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-popover-open .mud-list-item"),
            item => item.TextContent.Trim() == "Ownerlist Person"));
        await page.FindAll(".mud-popover-open .mud-list-item").Single(i => i.TextContent.Trim() == "Ownerlist Person").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains($"owner={owner}", Services.GetRequiredService<NavigationManager>().Uri));
        page.WaitForAssertion(() => Assert.Equal("Ownerlist Person",
            page.Find(".pipeline-filter-owner input").GetAttribute("value")));
    }
}
