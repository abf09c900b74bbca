using Bunit;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Contacts;
using DealTracker.Web.Components.Pages.Deals;
using DealTracker.Web.Components.Pages.Individuals;
using DealTracker.Web.Components.Pages.Organizations;

namespace DealTracker.Tests.Components;

public sealed class RecordFormTests : ComponentTestBase
{
    [Fact]
    public async Task Organization_form_refuses_a_blank_name_and_a_malformed_website_next_to_the_fields()
    {
        var host = RenderWithProviders<OrganizationEditor>();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("input[data-testid=org-name]")));

        await ClickAsync(host, "save");
        host.WaitForAssertion(() => Assert.Contains("Give the organization a name.", host.Markup));

        host.Find("input[data-testid=org-name]").Input("Valid Name " + Guid.NewGuid());
        host.FindAll("input").First(i => i.GetAttribute("type") == "url").Change("not a website");
        await ClickAsync(host, "save");
        host.WaitForAssertion(() => Assert.Contains("Enter a website like https://example.com.", host.Markup));
    }

    [Fact]
    public async Task Organization_form_offers_the_existing_organization_with_the_same_name()
    {
        var name = TestData.Unique("Existing Co");
        var existing = await Data.OrganizationAsync(name);
        var host = RenderWithProviders<OrganizationEditor>();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("input[data-testid=org-name]")));

        var input = host.Find("input[data-testid=org-name]");
        input.Input(name.ToUpperInvariant());
        await input.BlurAsync(new());

        host.WaitForAssertion(() => Assert.Contains($"/organizations/{existing}", host.Find("[data-testid=org-duplicate]").InnerHtml));
    }

    [Fact]
    public async Task Individual_form_refuses_a_malformed_email_and_warns_about_one_on_file()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await Data.IndividualAsync("On", "File", email);
        var host = RenderWithProviders<IndividualEditor>();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("input[data-testid=email]")));
        host.Find("input[data-testid=given-name]").Input("New");
        host.Find("input[data-testid=family-name]").Input("Person");

        var emailInput = host.Find("input[data-testid=email]");
        emailInput.Input("not-an-email");
        await ClickAsync(host, "save");
        host.WaitForAssertion(() => Assert.Contains("Enter an email address like name@example.com.", host.Markup));

        emailInput = host.Find("input[data-testid=email]");
        emailInput.Input(email.ToUpperInvariant());
        await emailInput.BlurAsync(new());
        host.WaitForAssertion(() => Assert.Contains("On File", host.Find("[data-testid=email-on-file]").TextContent));
    }

    [Fact]
    public async Task Contact_form_requires_an_individual()
    {
        var host = RenderWithProviders<ContactEditor>();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("[data-testid=save]")));

        await ClickAsync(host, "save");

        host.WaitForAssertion(() => Assert.Contains("Pick the individual, or create one.", host.Markup));
    }

    [Fact]
    public async Task Deal_form_refuses_a_blank_name_and_a_negative_amount()
    {
        var host = RenderWithProviders<DealEditor>();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("input[data-testid=deal-name]")));

        await ClickAsync(host, "save");
        host.WaitForAssertion(() => Assert.Contains("Give the deal a name.", host.Markup));

        host.Find("input[data-testid=deal-name]").Input("Deal form");
        host.Find("input[data-testid=deal-probability]").Change("150");
        await ClickAsync(host, "save");
        host.WaitForAssertion(() => Assert.Contains("Probability must be between 0 and 100.", host.Markup));
    }

    [Fact]
    public async Task Deleting_an_organization_that_is_a_leads_only_party_shows_the_lead_as_a_link()
    {
        var org = await Data.OrganizationAsync();
        var lead = await Data.LeadAsync(organizationId: org, title: "Lonely lead");
        var host = RenderWithProviders<OrganizationEditor>((nameof(OrganizationEditor.Id), (long?)org));
        host.WaitForAssertion(() => Assert.NotNull(host.Find("[data-testid=delete]")));

        // The click's handler waits for the answer to the confirmation: don't wait for the click itself.
        var asking = host.Find("[data-testid=delete]").ClickAsync(new());
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll(".mud-dialog button")));
        await host.FindAll(".mud-dialog button").First(b => b.TextContent.Contains("Delete")).ClickAsync(new());

        await asking;
        host.WaitForAssertion(() => Assert.Contains($"/leads/{lead}", host.Find("[data-testid=form-error]").InnerHtml));
        Assert.Contains("Lonely lead", host.Find("[data-testid=form-error]").TextContent);
    }
}
