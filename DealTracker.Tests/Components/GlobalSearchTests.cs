using Bunit;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Layout.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Components;

public sealed class GlobalSearchTests : ComponentTestBase
{
    private static string Tag() => TestData.Unique("Gs").Replace(" ", "").Replace("-", "");

    private IRenderedComponent<GlobalSearch> RenderAndType(string term)
    {
        var search = Render<GlobalSearch>();
        var input = search.Find("#global-search-input");
        input.Focus();
        input.Input(term);
        return search;
    }

    [Fact]
    public async Task Typing_shows_results_grouped_by_kind_as_a_listbox_the_input_controls()
    {
        var tag = Tag();
        var org = await Data.OrganizationAsync($"Org {tag}");
        await Data.LeadAsync(title: $"Lead {tag}", organizationId: org);

        var search = RenderAndType(tag);

        search.WaitForAssertion(() => Assert.Equal(3, search.FindAll("[role=option]").Count));
        var input = search.Find("#global-search-input");
        Assert.Equal("combobox", input.GetAttribute("role"));
        Assert.Equal("true", input.GetAttribute("aria-expanded"));
        Assert.Equal("global-search-results", input.GetAttribute("aria-controls"));
        Assert.Equal(["Leads 1", "Organizations 1"], search.FindAll(".global-search-group").Select(g => g.TextContent.Trim()));
        Assert.Equal($"/organizations/{org}", search.FindAll("[role=option]")[1].GetAttribute("href"));
        Assert.Contains("2 results shown", search.Find("[role=status]").TextContent);
    }

    [Fact]
    public async Task Arrow_keys_choose_a_result_and_Enter_opens_it()
    {
        var tag = Tag();
        var first = await Data.OrganizationAsync($"A {tag}");
        var second = await Data.OrganizationAsync($"B {tag}");
        var search = RenderAndType(tag);
        search.WaitForAssertion(() => Assert.Equal(3, search.FindAll("[role=option]").Count));
        var input = search.Find("#global-search-input");

        input.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        input.KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });

        var active = search.Find("[role=option][aria-selected=true]");
        Assert.Equal(active.Id, search.Find("#global-search-input").GetAttribute("aria-activedescendant"));
        Assert.Equal($"/organizations/{second}", active.GetAttribute("href"));
        search.Find("#global-search-input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        Assert.EndsWith($"/organizations/{second}", Services.GetRequiredService<NavigationManager>().Uri);
        Assert.Empty(search.FindAll("[role=listbox]"));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Enter_without_a_choice_lists_all_matching_leads_and_Escape_closes()
    {
        var tag = Tag();
        await Data.LeadAsync(title: $"Lead {tag}");
        var search = RenderAndType(tag);
        search.WaitForAssertion(() => Assert.NotEmpty(search.FindAll("[role=option]")));

        search.Find("#global-search-input").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        search.WaitForAssertion(() => Assert.Empty(search.FindAll("[role=listbox]")));
        Assert.Equal("false", search.Find("#global-search-input").GetAttribute("aria-expanded"));

        search.Find("#global-search-input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        Assert.EndsWith($"/leads?q={tag}", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Short_terms_ask_for_three_characters_and_no_match_says_so()
    {
        var search = RenderAndType("ab");
        Assert.Contains("at least 3 characters", search.Find("[role=status]").TextContent);

        search.Find("#global-search-input").Input("zzz-nothing-" + Tag());

        search.WaitForAssertion(() => Assert.Contains("Nothing matches", search.Find("[role=listbox]").TextContent));
        Assert.Equal("No results.", search.Find("[role=status]").TextContent);
    }
}
