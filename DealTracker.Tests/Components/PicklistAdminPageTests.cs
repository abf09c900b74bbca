using AngleSharp.Dom;
using Bunit;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Admin.Picklists;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DealTracker.Tests.Components;

/// <summary>The picklist admin page over its own database (each test starts from the seed's values).</summary>
public sealed class PicklistAdminPageTests : ComponentTestBase
{
    private const string Stages = "lead_status.stage";
    private const string ContactRoles = "lead_contacts.role_on_lead";

    /// <summary>The page with the dialog provider beside it: dialogs render there, so look things up from the host.</summary>
    // The machine is shared and slow at times: give renders and database round trips room, without sleeping.
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private async Task<IRenderedComponent<IComponent>> RenderPageAsync()
    {
        var host = RenderWithProviders<PicklistAdmin>();
        await host.WaitForAssertionAsync(() => Assert.NotEmpty(host.FindAll("[data-testid=picklist-value]")), Wait);
        return host;
    }

    private static IElement Card(IRenderedComponent<IComponent> page, string category) =>
        page.Find($"[data-testid='picklist-category-{category}']");

    private static IReadOnlyList<string> Names(IRenderedComponent<IComponent> page, string category) =>
        Card(page, category).QuerySelectorAll("[data-testid=picklist-value-name]").Select(e => e.TextContent).ToList();

    private static string Text(IRenderedComponent<IComponent> page) =>
        string.Concat(page.Nodes.Select(n => n.TextContent));

    private static IElement Input(IRenderedComponent<IComponent> page, string testId) =>
        page.Find($"input[data-testid='{testId}'], [data-testid='{testId}'] input");

    [Fact]
    public async Task Shows_each_category_with_its_readable_name_values_in_order_and_usage_counts()
    {
        await Data.LeadAsync(stage: "Discovery");
        await Data.LeadAsync(stage: "Discovery");

        var page = await RenderPageAsync();

        foreach (var name in new[] { "Lead stages", "Contact roles on a lead", "Organization relationships",
                     "Individual relationships", "Reasons a lead was lost" })
            Assert.Contains(name, Text(page));
        Assert.Equal(["New", "Qualified", "Discovery", "Proposal", "Negotiation", "Won", "Lost", "On Hold"], Names(page, Stages));
        var stages = Card(page, Stages);
        Assert.Equal("2 records", stages.QuerySelector("[data-testid='picklist-uses-Discovery']")!.TextContent.Trim());
        Assert.Equal("0 records", stages.QuerySelector("[data-testid='picklist-uses-Won']")!.TextContent.Trim());
        // Two leads with an organization "Prospect" each.
        Assert.Equal("2 records", Card(page, "lead_organizations.relationship")
            .QuerySelector("[data-testid='picklist-uses-Prospect']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Adding_shows_what_is_wrong_next_to_the_field_and_keeps_the_typing()
    {
        var page = await RenderPageAsync();

        async Task SubmitAsync(string text)
        {
            await Input(page, $"add-value-{ContactRoles}").InputAsync(new ChangeEventArgs { Value = text });
            await Card(page, ContactRoles).QuerySelector("form")!.SubmitAsync();
        }

        await SubmitAsync("   ");
        await page.WaitForAssertionAsync(() => Assert.Contains("Enter a value.", Card(page, ContactRoles).TextContent), Wait);

        await SubmitAsync("champion");
        await page.WaitForAssertionAsync(() => Assert.Contains("\"Champion\" is already in this list.", Card(page, ContactRoles).TextContent), Wait);
        Assert.Equal("champion", Input(page, $"add-value-{ContactRoles}").GetAttribute("value"));

        await SubmitAsync(new string('x', 101));
        await page.WaitForAssertionAsync(() => Assert.Contains("at most 100 characters", Card(page, ContactRoles).TextContent), Wait);

        await SubmitAsync("  Sponsor  ");
        await page.WaitForAssertionAsync(() => Assert.Equal("Sponsor", Names(page, ContactRoles)[^1]), Wait);
        Assert.DoesNotContain("at most 100 characters", Card(page, ContactRoles).TextContent);
    }

    [Fact]
    public async Task Rename_updates_the_records_and_a_taken_name_offers_a_merge()
    {
        var lead = await Data.LeadAsync(stage: "Proposal");
        var page = await RenderPageAsync();

        // The click that opens a dialog completes when the dialog closes.
        var renaming = page.Find("[data-testid='rename-Proposal']").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Input(page, "rename-value"), Wait);
        await Input(page, "rename-value").InputAsync(new ChangeEventArgs { Value = "Proposal Sent" });
        await page.Find("[data-testid=rename-save]").ClickAsync(new());
        await renaming;

        await page.WaitForAssertionAsync(() => Assert.Contains("Proposal Sent", Names(page, Stages)), Wait);
        Assert.DoesNotContain("Proposal", Names(page, Stages));
        var probe = new DatabaseProbe(ConnectionString);
        Assert.Equal("Proposal Sent", await probe.ScalarAsync<string>("SELECT stage FROM lead_status WHERE lead_id = $1", lead));

        var merging = page.Find("[data-testid='rename-Proposal Sent']").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Input(page, "rename-value"), Wait);
        await Input(page, "rename-value").InputAsync(new ChangeEventArgs { Value = "won" });
        await page.Find("[data-testid=rename-save]").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Contains("\"Won\" already exists in this list. Merge into it instead?", Text(page)), Wait);
        await page.Find("[data-testid=rename-merge]").ClickAsync(new());
        await merging;

        await page.WaitForAssertionAsync(() => Assert.DoesNotContain("Proposal Sent", Names(page, Stages)), Wait);
        Assert.Equal("1 record", Card(page, Stages).QuerySelector("[data-testid='picklist-uses-Won']")!.TextContent.Trim());
        Assert.Equal("Won", await probe.ScalarAsync<string>("SELECT stage FROM lead_status WHERE lead_id = $1", lead));
    }

    [Fact]
    public async Task An_unused_value_is_deleted_after_confirmation()
    {
        var page = await RenderPageAsync();

        var deleting = page.Find("[data-testid='delete-On Hold']").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Contains("No record uses \"On Hold\"", Text(page)), Wait);
        Assert.Contains("On Hold", Names(page, Stages));
        await page.Find("[data-testid=delete-confirm]").ClickAsync(new());
        await deleting;

        await page.WaitForAssertionAsync(() => Assert.DoesNotContain("On Hold", Names(page, Stages)), Wait);
    }

    [Fact]
    public async Task A_value_in_use_is_merged_into_the_chosen_replacement()
    {
        await Data.LeadAsync(stage: "Negotiation");
        await Data.LeadAsync(stage: "Negotiation");
        var page = await RenderPageAsync();

        var merging = page.Find("[data-testid='delete-Negotiation']").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Contains("2 records use \"Negotiation\"", Text(page)), Wait);
        await page.Find("[data-testid=delete-confirm]").ClickAsync(new());
        await page.WaitForAssertionAsync(() => Assert.Contains("Choose the value the records move to.", Text(page)), Wait);

        var select = page.FindComponent<MudSelect<long?>>();
        var proposal = (await Services.GetRequiredService<DealTracker.Data.Picklists.PicklistService>()
            .GetAllValuesAsync(Stages)).Single(v => v.Value == "Proposal").Id;
        await select.InvokeAsync(() => select.Instance.SelectOption(proposal));
        await page.Find("[data-testid=delete-confirm]").ClickAsync(new());
        await merging;

        await page.WaitForAssertionAsync(() => Assert.DoesNotContain("Negotiation", Names(page, Stages)), Wait);
        Assert.Equal("2 records", Card(page, Stages).QuerySelector("[data-testid='picklist-uses-Proposal']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Up_and_down_buttons_reorder_the_list()
    {
        var page = await RenderPageAsync();

        await page.Find("[aria-label='Move Qualified down']").ClickAsync(new());

        await page.WaitForAssertionAsync(() => Assert.Equal(
            ["New", "Discovery", "Qualified", "Proposal", "Negotiation", "Won", "Lost", "On Hold"], Names(page, Stages)), Wait);
        Assert.True(page.Find("[aria-label='Move New up']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Deactivating_the_last_active_stage_is_refused_with_a_message_on_its_list()
    {
        await new DatabaseProbe(ConnectionString).ExecuteAsync(
            "UPDATE picklists SET is_active = (value = 'New') WHERE category = 'lead_status.stage'");
        var page = await RenderPageAsync();

        var newStage = page.FindAll("[data-testid=picklist-value]").First(e => e.GetAttribute("data-value") == "New");
        await newStage.QuerySelector(".mud-switch input")!.ChangeAsync(new ChangeEventArgs { Value = false });

        await page.WaitForAssertionAsync(() => Assert.Contains("\"New\" is the last active stage and cannot be deactivated",
            Card(page, Stages).QuerySelector("[data-testid=picklist-error]")?.TextContent ?? ""), Wait);
        Assert.True(await new DatabaseProbe(ConnectionString).ScalarAsync<bool>(
            "SELECT is_active FROM picklists WHERE category = 'lead_status.stage' AND value = 'New'"));
    }
}
