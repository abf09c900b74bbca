using Bunit;
using DealTracker.Data.Entities;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Shared;

namespace DealTracker.Tests.Components;

public sealed class PicklistSelectTests : ComponentTestBase
{
    private IRenderedComponent<PicklistSelect> RenderSelect(string? value) =>
        RenderWithProviders<PicklistSelect>((nameof(PicklistSelect.Category), PicklistCategories.Stage),
            (nameof(PicklistSelect.Label), "Stage"), (nameof(PicklistSelect.Value), value))
            .FindComponent<PicklistSelect>();

    [Fact]
    public async Task Offers_only_active_values_in_their_order()
    {
        await new DatabaseProbe(ConnectionString).ExecuteAsync(
            "UPDATE picklists SET is_active = false WHERE category = 'lead_status.stage' AND value = 'On Hold'");
        var select = RenderSelect(null);

        var items = await OptionsAsync(select);

        Assert.Equal(["New", "Qualified", "Discovery", "Proposal", "Negotiation", "Won", "Lost"], items);
    }

    [Fact]
    public async Task A_deactivated_value_still_shows_on_the_record_that_holds_it_but_cannot_be_chosen()
    {
        await new DatabaseProbe(ConnectionString).ExecuteAsync(
            "UPDATE picklists SET is_active = false WHERE category = 'lead_status.stage' AND value = 'On Hold'");
        var select = RenderSelect("On Hold");

        select.WaitForAssertion(() => Assert.Contains("On Hold (inactive)", select.Markup));
        var items = await OptionsAsync(select);

        Assert.Contains("On Hold [disabled]", items);
        Assert.DoesNotContain("On Hold", items);
    }
}
