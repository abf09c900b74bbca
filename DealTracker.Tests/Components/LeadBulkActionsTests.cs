using Bunit;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Leads;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DealTracker.Tests.Components;

/// <summary>/leads: select rows, move them to a stage asking the lost reason once, see who was refused and why.</summary>
public sealed class LeadBulkActionsTests : ComponentTestBase
{
    /// <summary>/leads?q=<paramref name="search"/>, as the app-bar search opens it.</summary>
    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderLeads(string search)
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/leads?q={Uri.EscapeDataString(search)}");
        return RenderWithProviders<LeadList>();
    }

    [Fact]
    public async Task Selected_leads_move_together_with_one_reason_and_a_lead_deleted_meanwhile_is_listed_with_the_reason()
    {
        var tag = TestData.Unique("Bulk");
        var kept = await Data.LeadAsync(title: $"{tag} kept", stage: "New");
        var gone = await Data.LeadAsync(title: $"{tag} gone", stage: "New");
        var host = RenderLeads(tag);
        host.WaitForAssertion(() => Assert.Equal(2, host.FindAll("[data-testid=select-lead]").Count));

        host.Find("[data-testid=select-page]").Change(true);
        host.WaitForAssertion(() => Assert.Equal("2 leads selected", host.Find("[data-testid=bulk-count]").TextContent));
        await Services.GetRequiredService<LeadService>().DeleteLeadAsync(gone);
        // The click's handler waits for the dialog's answer: it completes once the dialog closes.
        var moving = host.Find("[data-testid=bulk-move]").ClickAsync(new());
        host.WaitForAssertion(() => Assert.Contains("Which stage should the 2 selected leads move to?", host.Find("[data-testid=bulk-dialog]").TextContent));
        var stage = host.FindComponent<LeadBulkDialog>().FindComponent<MudSelect<string>>();
        await host.InvokeAsync(() => stage.Instance.ValueChanged.InvokeAsync("Lost"));
        await ClickAsync(host, "bulk-apply");
        host.WaitForAssertion(() => Assert.Contains("Say why the lead moves to Lost.", host.Find("[data-testid=bulk-dialog]").TextContent));
        host.Find("input[data-testid=bulk-reason], [data-testid=bulk-reason] input").Input("Price");
        await ClickAsync(host, "bulk-apply");
        await moving;

        host.WaitForAssertion(() => Assert.Contains("1 lead changed; 1 lead could not be", host.Find("[data-testid=bulk-refused]").TextContent));
        Assert.Contains("no longer exists", host.Find("[data-testid=bulk-refused]").TextContent);
        Assert.Equal("1 lead selected", host.Find("[data-testid=bulk-count]").TextContent);
        var status = await Services.GetRequiredService<LeadService>().GetLeadForEditAsync(kept);
        Assert.Equal(("Lost", "Price"), (status!.Stage, status.Reason));
    }

    [Fact]
    public async Task Sales_get_no_assign_action_and_unchecking_the_last_lead_hides_the_bar()
    {
        var seller = await Services.CreateUserAsync(Roles.Sales);
        ActAs(ActingUser.Sales(seller));
        var tag = TestData.Unique("Mine");
        await Data.LeadAsync(title: $"{tag} one", ownerUserId: seller);
        var host = RenderLeads(tag);
        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=select-lead]")));

        host.Find("[data-testid=select-lead]").Change(true);

        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=bulk-move]")));
        Assert.Empty(host.FindAll("[data-testid=bulk-assign]"));
        host.Find("[data-testid=select-lead]").Change(false);
        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=bulk-bar]")));
    }
}
