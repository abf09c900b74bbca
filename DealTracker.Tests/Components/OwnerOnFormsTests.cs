using Bunit;
using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Deals;
using DealTracker.Web.Components.Pages.Leads;
using DealTracker.Web.Components.Shared;

namespace DealTracker.Tests.Components;

/// <summary>The lead and deal forms: owner picker defaulting to the creator, and no data for someone else's record.</summary>
public sealed class OwnerOnFormsTests : ComponentTestBase
{
    [Fact]
    public async Task New_lead_form_defaults_the_owner_to_the_creator()
    {
        var me = await Services.CreateUserAsync(Roles.Sales, "Fran Creator");
        ActAs(ActingUser.Sales(me));

        var lead = RenderWithProviders<LeadEditor>();

        lead.WaitForAssertion(() => Assert.Equal(me, lead.FindComponent<OwnerPicker>().Instance.Value));
    }

    [Fact]
    public async Task New_deal_form_defaults_the_owner_to_the_creator()
    {
        var me = await Services.CreateUserAsync(Roles.Sales, "Gale Creator");
        ActAs(ActingUser.Sales(me));

        var deal = RenderWithProviders<DealEditor>();

        deal.WaitForAssertion(() => Assert.Equal(me, deal.FindComponent<OwnerPicker>().Instance.Value));
    }

    [Fact]
    public async Task Another_users_lead_shows_not_found_or_not_yours_without_its_data()
    {
        var me = await Services.CreateUserAsync(Roles.Sales);
        var other = await Services.CreateUserAsync(Roles.Sales);
        var title = TestData.Unique("Hidden lead");
        var lead = await Data.LeadAsync(await Data.DealAsync(ownerUserId: other), title: title, ownerUserId: other);
        ActAs(ActingUser.Sales(me));

        var page = RenderWithProviders<LeadEditor>((nameof(LeadEditor.Id), (long?)lead));

        page.WaitForAssertion(() => Assert.Contains("not found, or it is not yours", page.Find("[data-testid=not-found]").TextContent));
        Assert.DoesNotContain(title, page.Markup);
    }

    [Fact]
    public async Task Another_users_deal_shows_not_found_or_not_yours_without_its_data()
    {
        var me = await Services.CreateUserAsync(Roles.Sales);
        var other = await Services.CreateUserAsync(Roles.Sales);
        var name = TestData.Unique("Hidden deal");
        var deal = await Data.DealAsync(name, ownerUserId: other);
        ActAs(ActingUser.Sales(me));

        var page = RenderWithProviders<DealEditor>((nameof(DealEditor.Id), (long?)deal));

        page.WaitForAssertion(() => Assert.Contains("not found, or it is not yours", page.Find("[data-testid=not-found]").TextContent));
        Assert.DoesNotContain(name, page.Markup);
    }
}
