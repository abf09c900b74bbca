using Bunit;
using DealTracker.Data.Leads;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Components;

public sealed class LeadEditorTests : ComponentTestBase
{
    private Task DeactivateAsync(string category, string value) => new DatabaseProbe(ConnectionString).ExecuteAsync(
        $"UPDATE picklists SET is_active = false WHERE category = '{category}' AND value = '{value}'");

    [Fact]
    public async Task A_new_lead_shows_the_party_rule_and_refuses_a_blank_title_next_to_the_field()
    {
        var host = RenderWithProviders<LeadEditor>();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("[data-testid=party-rule]")));
        Assert.Contains("at least one individual or organization", host.Find("[data-testid=party-rule]").TextContent);

        await ClickAsync(host, "save");

        host.WaitForAssertion(() => Assert.Contains("Give the lead a title.", host.Markup));
        Assert.Empty(host.FindAll("[data-testid=form-error]"));
    }

    [Fact]
    public async Task A_lead_without_a_party_is_refused_with_the_message_at_the_parties()
    {
        var deal = await Data.DealAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/leads/new?dealId={deal}");
        var host = RenderWithProviders<LeadEditor>();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("input[data-testid=lead-title]")));
        host.Find("input[data-testid=lead-title]").Input("Needs a party");

        await ClickAsync(host, "save");

        host.WaitForAssertion(() => Assert.Contains("A lead needs at least one individual or organization.",
            host.Find("[data-testid=party-rule]").TextContent));
        Assert.Equal("Needs a party", host.Find("input[data-testid=lead-title]").GetAttribute("value"));
    }

    [Fact]
    public async Task Stage_dropdown_offers_active_stages_in_order_from_the_database()
    {
        await new DatabaseProbe(ConnectionString).ExecuteAsync(
            "UPDATE picklists SET sort_order = 0 WHERE category = 'lead_status.stage' AND value = 'Proposal'");
        await DeactivateAsync("lead_status.stage", "Won");
        var host = RenderWithProviders<LeadEditor>();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("input[data-testid=lead-stage]")));

        var stages = await OptionsAsync(host, "lead-stage");

        Assert.Equal(["Proposal", "New", "Qualified", "Discovery", "Negotiation", "Lost", "On Hold"], stages);
        // A new lead starts in the first active stage.
        Assert.Equal("Proposal", host.Find("input[data-testid=lead-stage]").GetAttribute("value"));
    }

    [Fact]
    public async Task Inactive_values_still_show_on_the_lead_that_holds_them_but_are_not_offered()
    {
        var leads = Services.GetService(typeof(LeadService)) as LeadService;
        var org = await Data.OrganizationAsync();
        var leadId = await leads!.CreateLeadAsync(new NewLead(await Data.DealAsync(), "Held values",
            [new PartyLink(org, "Reseller", true)], [], Stage: "On Hold"));
        await DeactivateAsync("lead_status.stage", "On Hold");
        await DeactivateAsync("lead_organizations.relationship", "Reseller");

        var host = RenderWithProviders<LeadEditor>((nameof(LeadEditor.Id), (long?)leadId));
        host.WaitForAssertion(() => Assert.Equal("On Hold (inactive)", host.Find("input[data-testid=lead-stage]").GetAttribute("value")));
        host.WaitForAssertion(() => Assert.Equal("Reseller (inactive)", host.Find("input[data-testid=organizations-value]").GetAttribute("value")));

        var relationships = await OptionsAsync(host, "organizations-value");
        Assert.Equal(["Prospect", "Customer", "Partner", "Competitor", "Reseller [disabled]"], relationships);
    }

    [Fact]
    public async Task Contact_role_dropdown_offers_the_active_roles_in_order()
    {
        var person = await Data.IndividualAsync();
        var contact = await Data.ContactAsync(person);
        var leads = (LeadService)Services.GetService(typeof(LeadService))!;
        var leadId = await Data.LeadAsync();
        await leads.LinkContactAsync(leadId, new ContactLink(contact, null));
        await DeactivateAsync("lead_contacts.role_on_lead", "Legal");

        var host = RenderWithProviders<LeadEditor>((nameof(LeadEditor.Id), (long?)leadId));
        host.WaitForAssertion(() => Assert.NotNull(host.Find("input[data-testid=contacts-value]")), TimeSpan.FromSeconds(5));

        var roles = await OptionsAsync(host, "contacts-value");
        Assert.Equal(["Decision Maker", "Economic Buyer", "Champion", "User", "Influencer", "Procurement", "Billing"], roles);
    }
}
