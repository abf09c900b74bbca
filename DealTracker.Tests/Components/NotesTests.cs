using Bunit;
using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Notes;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.History;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Components;

/// <summary>Notes on a timeline: shown as text (never HTML) with links, changeable by their author or a manager only.</summary>
public sealed class NotesTests : ComponentTestBase
{
    private IRenderedComponent<RecordTimeline> RenderLeadTimeline(long lead) =>
        RenderWithProviders<RecordTimeline>((nameof(RecordTimeline.RecordType), HistoryRecordTypes.Lead),
            (nameof(RecordTimeline.RecordId), lead)).FindComponent<RecordTimeline>();

    private async Task<(long Lead, ActingUser Author)> LeadWithNoteAsync(string body)
    {
        var author = ActingUser.Sales(await Services.CreateUserAsync(Roles.Sales));
        var lead = await Data.LeadAsync(); // unassigned: every Sales user may see it
        await Services.As(author).GetRequiredService<NoteService>().AddAsync(NoteTarget.Lead(lead), body);
        return (lead, author);
    }

    [Fact]
    public async Task A_note_shows_as_text_with_its_line_breaks_and_clickable_links_never_as_html()
    {
        var (lead, author) = await LeadWithNoteAsync("<b>Quote</b> sent:\nhttps://example.com/quote?id=7. Call back.");
        ActAs(author);

        var timeline = RenderLeadTimeline(lead);

        timeline.WaitForAssertion(() => Assert.Single(timeline.FindAll("[data-testid=note-text]")));
        var text = timeline.Find("[data-testid=note-text]");
        Assert.Equal("<b>Quote</b> sent:\nhttps://example.com/quote?id=7. Call back.", text.TextContent);
        Assert.Empty(text.QuerySelectorAll("b"));
        var link = Assert.Single(text.QuerySelectorAll("a"));
        Assert.Equal(("https://example.com/quote?id=7", "noopener noreferrer"), (link.GetAttribute("href"), link.GetAttribute("rel")));
        Assert.Contains("added a note to this lead", timeline.Find("[data-testid=timeline-entry] > span").TextContent);
    }

    [Fact]
    public async Task Only_the_author_and_managers_get_edit_and_delete()
    {
        var (lead, author) = await LeadWithNoteAsync("Mine to change");
        var colleague = ActingUser.Sales(await Services.CreateUserAsync(Roles.Sales));

        ActAs(colleague);
        var asColleague = RenderLeadTimeline(lead);
        asColleague.WaitForAssertion(() => Assert.Single(asColleague.FindAll("[data-testid=note-text]")));
        Assert.Empty(asColleague.FindAll("[data-testid=note-edit]"));
        Assert.Empty(asColleague.FindAll("[data-testid=note-delete]"));

        // A new viewer opens the page anew: the previous page (and its MudBlazor providers) goes first.
        await DisposeComponentsAsync();
        ActAs(ActingUser.Manager(await Services.CreateUserAsync(Roles.Manager)));
        var asManager = RenderLeadTimeline(lead);
        asManager.WaitForAssertion(() => Assert.Single(asManager.FindAll("[data-testid=note-edit]")));

        await DisposeComponentsAsync();
        ActAs(author);
        var asAuthor = RenderLeadTimeline(lead);
        asAuthor.WaitForAssertion(() => Assert.Single(asAuthor.FindAll("[data-testid=note-delete]")));
    }

    [Fact]
    public async Task An_empty_note_is_refused_next_to_the_field_and_the_typed_text_stays()
    {
        var lead = await Data.LeadAsync();
        var timeline = RenderLeadTimeline(lead);
        timeline.WaitForAssertion(() => Assert.NotEmpty(timeline.FindAll("[data-testid=timeline-entry]")));

        await timeline.Find("[data-testid=note-composer] textarea").InputAsync(new() { Value = "   " });
        await timeline.Find("[data-testid=note-save]").ClickAsync(new());

        timeline.WaitForAssertion(() => Assert.Contains("Write something in the note first.", timeline.Find("[data-testid=note-composer]").TextContent));
        Assert.Equal("   ", timeline.Find("[data-testid=note-composer] textarea").GetAttribute("value") ?? timeline.Find("[data-testid=note-composer] textarea").TextContent);
        Assert.Equal(0L, await new DatabaseProbe(ConnectionString).ScalarAsync<long>($"SELECT count(*) FROM notes WHERE lead_id = {lead}"));
    }
}
