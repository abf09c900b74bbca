using Bunit;
using DealTracker.Data.Entities;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DealTracker.Tests.Components;

public sealed class PicklistSelectTests : ComponentTestBase
{
    private IRenderedComponent<PicklistSelect> RenderSelect(string? value)
    {
        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<PicklistSelect>(1);
            builder.AddAttribute(2, nameof(PicklistSelect.Category), PicklistCategories.Stage);
            builder.AddAttribute(3, nameof(PicklistSelect.Label), "Stage");
            builder.AddAttribute(4, nameof(PicklistSelect.Value), value);
            builder.CloseComponent();
        });
        return host.FindComponent<PicklistSelect>();
    }

    private async Task<IReadOnlyList<string>> OpenAndListItemsAsync(IRenderedComponent<PicklistSelect> select)
    {
        var mudSelect = select.FindComponent<MudSelect<string>>();
        await select.InvokeAsync(() => mudSelect.Instance.OpenMenu());
        IReadOnlyList<string> items = [];
        select.WaitForAssertion(() =>
        {
            items = select.FindComponents<MudSelectItem<string>>()
                .Select(i => (i.Instance.Value ?? "") + (i.Instance.Disabled ? " [disabled]" : "")).ToList();
            Assert.NotEmpty(items);
        });
        return items;
    }

    [Fact]
    public async Task Offers_only_active_values_in_their_order()
    {
        await new DatabaseProbe(ConnectionString).ExecuteAsync(
            "UPDATE picklists SET is_active = false WHERE category = 'lead_status.stage' AND value = 'On Hold'");
        var select = RenderSelect(null);

        var items = await OpenAndListItemsAsync(select);

        Assert.Equal(["New", "Qualified", "Discovery", "Proposal", "Negotiation", "Won", "Lost"], items);
    }

    [Fact]
    public async Task A_deactivated_value_still_shows_on_the_record_that_holds_it_but_cannot_be_chosen()
    {
        await new DatabaseProbe(ConnectionString).ExecuteAsync(
            "UPDATE picklists SET is_active = false WHERE category = 'lead_status.stage' AND value = 'On Hold'");
        var select = RenderSelect("On Hold");

        select.WaitForAssertion(() => Assert.Contains("On Hold (inactive)", select.Markup));
        var items = await OpenAndListItemsAsync(select);

        Assert.Contains("On Hold [disabled]", items);
        Assert.DoesNotContain("On Hold", items);
    }
}
