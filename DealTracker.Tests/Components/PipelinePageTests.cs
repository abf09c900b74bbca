using Bunit;
using DealTracker.Data.Live;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Pipeline;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Components;

/// <summary>The routed board page over real services: what it does when the database reports changes.</summary>
public sealed class PipelinePageTests : ComponentTestBase
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

    private static string InColumn(string stage, long lead) => $"[data-testid='column-{stage}'] [data-lead-id='{lead}']";

    [Fact]
    public async Task A_resync_after_a_lost_connection_rereads_the_board_and_keeps_the_filter()
    {
        var lead = await Data.LeadAsync(title: "Resync Alpha lead", stage: "New");
        var hidden = await Data.LeadAsync(title: "Resync Beta lead", stage: "New");
        var page = RenderPage("?q=Alpha");
        page.WaitForElement(InColumn("New", lead));

        // Changed while the listener was disconnected: no notification will ever come for these.
        await new DatabaseProbe(ConnectionString).ExecuteAsync(
            $"UPDATE lead_status SET stage = 'Qualified' WHERE lead_id IN ({lead}, {hidden})");
        Services.GetRequiredService<ChangeNotifier>().Publish(new ChangeBatch([], Resync: true));

        page.WaitForElement(InColumn("Qualified", lead));
        Assert.Empty(page.FindAll(InColumn("New", lead)));
        Assert.Empty(page.FindAll($"[data-lead-id='{hidden}']")); // the search still applies
    }

    [Fact]
    public async Task A_committed_change_to_a_lead_rereads_the_board()
    {
        var lead = await Data.LeadAsync(title: "Quiet lead", stage: "New");
        var page = RenderPage("?q=Quiet");
        page.WaitForElement(InColumn("New", lead));
        await new DatabaseProbe(ConnectionString).ExecuteAsync($"UPDATE lead_status SET stage = 'Qualified' WHERE lead_id = {lead}");

        Services.GetRequiredService<ChangeNotifier>().Publish(new ChangeBatch([new DataChange("lead_status", "UPDATE", [lead])]));

        page.WaitForElement(InColumn("Qualified", lead));
        Assert.Empty(page.FindAll(InColumn("New", lead)));
    }
}
