using Bunit;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Pipeline;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DealTracker.Tests.Components;

public sealed class PipelineBoardTests : ComponentTestBase
{
    private int _moves;

    private PipelineService Pipeline => Services.GetRequiredService<PipelineService>();
    private DatabaseProbe Probe => new(ConnectionString);

    private IRenderedComponent<IComponent> RenderBoard(PipelineBoardData board) =>
        RenderWithProviders<PipelineBoard>((nameof(PipelineBoard.Board), board),
            (nameof(PipelineBoard.OnMoved), EventCallback.Factory.Create(this, () => _moves++)));

    /// <summary>
    /// Opens a card's "Move to" and waits for the stages offered. The returned task is the move itself: it completes
    /// once the user has picked a stage (and given a reason, where the stage asks for one).
    /// </summary>
    private static Task OpenMoveMenu(IRenderedComponent<IComponent> host, long lead)
    {
        // What the browser sends for a click on the card's "Move to" button: its column's cardmove event, naming the lead
        // the button carries (DealTracker.Web.lib.module.js).
        var button = host.Find($"[data-lead-id='{lead}'] [data-testid=move-menu] button");
        var move = button.Closest(".board-column-cards")!
            .TriggerEventAsync("oncardmove", new CardEventArgs { LeadId = long.Parse(button.GetAttribute("data-move-lead")!) });
        host.WaitForElement("[data-testid=move-to-dialog]");
        return move;
    }

    private static Task ChooseAsync(IRenderedComponent<IComponent> host, string stage)
    {
        host.WaitForElement($"[data-testid='move-to-{stage}']");
        return host.Find($"[data-testid='move-to-{stage}']").ClickAsync(new MouseEventArgs());
    }

    private Task<string> StageOfAsync(long lead) => Probe.ScalarAsync<string>($"SELECT stage FROM lead_status WHERE lead_id = {lead}");

    [Fact]
    public void Column_header_shows_the_count_and_each_currency_on_its_own()
    {
        var column = new PipelineColumn("Proposal", true, true, false, false, 7,
            [new CurrencyAmount("USD", 3, 12000m, 6000m), new CurrencyAmount("EUR", 1, 800m, 80m)], []);

        var header = Render<ColumnHeader>(p => p.Add(h => h.Column, column));

        Assert.Equal("7", header.Find("[data-testid=column-count]").TextContent.Trim());
        Assert.Contains("USD 12,000 · weighted USD 6,000", header.Find("[data-testid=column-total-USD]").TextContent);
        Assert.Contains("EUR 800 · weighted EUR 80", header.Find("[data-testid=column-total-EUR]").TextContent);
        Assert.Contains("a deal counts once", ColumnHeader.TotalsTooltip);
    }

    [Fact]
    public async Task The_move_to_menu_moves_a_lead_without_dragging()
    {
        var lead = await Data.LeadAsync(title: "Keyboard lead", stage: "Qualified");
        var host = RenderBoard(await Pipeline.LoadBoardAsync(new PipelineFilter()));

        var move = OpenMoveMenu(host, lead);
        await ChooseAsync(host, "Proposal");
        await move;

        host.WaitForAssertion(() => Assert.Equal(1, _moves));
        Assert.Equal("Proposal", await StageOfAsync(lead));
        host.WaitForAssertion(() => Assert.Contains("Moved \"Keyboard lead\" to Proposal.", host.Markup));
        Assert.Single(host.FindAll($"[data-testid='dropzone-Proposal'] [data-lead-id='{lead}']"));
    }

    [Fact]
    public async Task Moving_to_Lost_saves_the_reason_picked_in_the_dialog()
    {
        var lead = await Data.LeadAsync(title: "Lost lead", stage: "Negotiation");
        var host = RenderBoard(await Pipeline.LoadBoardAsync(new PipelineFilter()));

        var choosing = OpenMoveMenu(host, lead); // completes once the reason dialog closes
        await ChooseAsync(host, "Lost");
        host.WaitForAssertion(() => Assert.NotEmpty(host.FindAll("[data-testid=reason-option]")));
        Assert.Equal("Negotiation", await StageOfAsync(lead)); // nothing saved before the reason
        await host.FindAll("[data-testid=reason-option]").Single(o => o.TextContent.Contains("Competitor")).ClickAsync(new MouseEventArgs());
        await host.Find("[data-testid=reason-save]").ClickAsync(new MouseEventArgs());
        await choosing;

        host.WaitForAssertion(() => Assert.Equal(1, _moves));
        Assert.Equal("Lost", await StageOfAsync(lead));
        Assert.Equal("Competitor", await Probe.ScalarAsync<string>($"SELECT reason FROM lead_status WHERE lead_id = {lead}"));
    }

    [Fact]
    public async Task Cancelling_the_Lost_reason_dialog_leaves_the_card_where_it_was()
    {
        var lead = await Data.LeadAsync(title: "Kept lead", stage: "Negotiation");
        var host = RenderBoard(await Pipeline.LoadBoardAsync(new PipelineFilter()));

        var choosing = OpenMoveMenu(host, lead); // completes once the reason dialog closes
        await ChooseAsync(host, "Lost");
        host.WaitForElement("[data-testid=reason-cancel]");
        await host.Find("[data-testid=reason-cancel]").ClickAsync(new MouseEventArgs());
        await choosing;

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=reason-cancel]")));
        Assert.Equal(0, _moves);
        Assert.Equal("Negotiation", await StageOfAsync(lead));
        Assert.Single(host.FindAll($"[data-testid='dropzone-Negotiation'] [data-lead-id='{lead}']"));
    }

    [Fact]
    public async Task Saving_a_Lost_reason_requires_one()
    {
        var lead = await Data.LeadAsync(title: "Reasonless", stage: "Proposal");
        var host = RenderBoard(await Pipeline.LoadBoardAsync(new PipelineFilter()));

        var choosing = OpenMoveMenu(host, lead); // completes once the reason dialog closes
        await ChooseAsync(host, "Lost");
        host.WaitForElement("[data-testid=reason-save]");
        await host.Find("[data-testid=reason-save]").ClickAsync(new MouseEventArgs());

        host.WaitForAssertion(() => Assert.Contains("Say why the lead moves to Lost.", host.Markup));
        Assert.Equal("Proposal", await StageOfAsync(lead));
        await host.Find("[data-testid=reason-cancel]").ClickAsync(new MouseEventArgs());
        await choosing;
    }

    [Fact]
    public async Task A_stale_move_is_refused_with_a_message_and_the_board_is_asked_to_reload()
    {
        var lead = await Data.LeadAsync(title: "Contested lead", stage: "New");
        var host = RenderBoard(await Pipeline.LoadBoardAsync(new PipelineFilter()));
        await Services.GetRequiredService<LeadService>().MoveLeadToStageAsync(lead, "Discovery", null, null); // someone else

        var move = OpenMoveMenu(host, lead);
        await ChooseAsync(host, "Qualified");
        await move;

        host.WaitForAssertion(() => Assert.Contains("Someone else moved \"Contested lead\" to Discovery first.", host.Markup));
        Assert.Equal(1, _moves);
        Assert.Equal("Discovery", await StageOfAsync(lead));
    }

    [Fact]
    public async Task A_card_in_an_inactive_stage_shows_in_its_own_column_and_can_move_out_but_not_back()
    {
        var lead = await Data.LeadAsync(title: "Parked lead", stage: "On Hold");
        await Probe.ExecuteAsync("UPDATE picklists SET is_active = false WHERE category = 'lead_status.stage' AND value = 'On Hold'");
        var host = RenderBoard(await Pipeline.LoadBoardAsync(new PipelineFilter()));

        Assert.Contains("inactive", host.Find("[data-testid='column-header-On Hold']").TextContent);
        Assert.Contains("Parked lead", host.Find($"[data-testid='dropzone-On Hold'] [data-lead-id='{lead}']").TextContent);
        var move = OpenMoveMenu(host, lead);
        host.WaitForElement("[data-testid='move-to-New']");
        Assert.Empty(host.FindAll("[data-testid='move-to-On Hold']"));

        await ChooseAsync(host, "New");
        await move;
        host.WaitForAssertion(() => Assert.Equal(1, _moves));
        Assert.Equal("New", await StageOfAsync(lead));
    }

    [Fact]
    public async Task Cards_show_the_owners_initials_and_name_or_unassigned()
    {
        var owner = await Services.CreateUserAsync(Roles.Sales, "Olivia Owner");
        var owned = await Data.LeadAsync(title: TestData.Unique("Owned lead"), stage: "Discovery", ownerUserId: owner);
        var open = await Data.LeadAsync(title: TestData.Unique("Open lead"), stage: "Discovery");
        ActAs(ActingUser.Manager(owner));

        var host = RenderBoard(await Pipeline.LoadBoardAsync(new PipelineFilter()));

        var badge = host.Find($"[data-lead-id='{owned}'] [data-testid=owner-badge]").TextContent;
        Assert.Contains("OO", badge);
        Assert.Contains("Olivia Owner", badge);
        Assert.Contains("Unassigned", host.Find($"[data-lead-id='{open}'] [data-testid=owner-badge]").TextContent);
    }

    [Fact]
    public async Task A_cards_text_is_shown_as_typed_never_as_markup()
    {
        // A card's text is built as markup (LeadCardMarkup): every value in it must arrive encoded.
        var title = TestData.Unique("<b>Bold</b> & \"quoted\" <script>alert(1)</script>");
        var deal = await Data.DealAsync(name: TestData.Unique("<img src=x onerror=alert(1)> deal"));
        var lead = await Data.LeadAsync(dealId: deal, title: title, stage: "Discovery");

        var host = RenderBoard(await Pipeline.LoadBoardAsync(new PipelineFilter()));

        var card = host.Find($"[data-lead-id='{lead}']");
        Assert.Equal(title, card.QuerySelector("[data-testid=lead-card-title]")!.TextContent);
        Assert.Contains("<img src=x onerror=alert(1)> deal", card.TextContent);
        Assert.Empty(card.QuerySelectorAll("b, script, img"));
    }
}
