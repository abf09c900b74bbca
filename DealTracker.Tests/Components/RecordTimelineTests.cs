using Bunit;
using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.History;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Components;

/// <summary>A record's timeline: sentences, newest first, grouped by day, filtered by kind, paged with "show older".</summary>
public sealed class RecordTimelineTests : ComponentTestBase
{
    private LeadService LeadsAs(IActingUser actor) => Services.As(actor).GetRequiredService<LeadService>();

    private IRenderedComponent<RecordTimeline> RenderTimeline(string type, long id, int pageSize = 30) =>
        Render<RecordTimeline>(p => p.Add(t => t.RecordType, type).Add(t => t.RecordId, id).Add(t => t.PageSize, pageSize));

    private static List<string> Sentences(IRenderedComponent<RecordTimeline> timeline) =>
        timeline.FindAll("[data-testid=timeline-entry] > span").Select(e => e.TextContent).ToList();

    [Fact]
    public async Task A_move_to_lost_reads_as_a_sentence_with_the_movers_name_on_top()
    {
        var name = TestData.Unique("Morgan Manager");
        var manager = ActingUser.Manager(await Services.CreateUserAsync(Roles.Manager, name));
        var lead = await Data.LeadAsync(stage: "Proposal");
        await LeadsAs(manager).MoveLeadToStageAsync(lead, "Lost", "Price", null);

        var timeline = RenderTimeline(HistoryRecordTypes.Lead, lead);

        timeline.WaitForAssertion(() =>
            Assert.Equal($"{name} moved this lead from Proposal to Lost — reason: Price", Sentences(timeline)[0]));
        Assert.Equal("Today", timeline.Find("[data-testid=timeline-day]").TextContent);
    }

    [Fact]
    public async Task Events_are_grouped_by_day_newest_first()
    {
        var lead = await Data.LeadAsync(stage: "New", title: "Grouped");
        // A backdated event, as the owner role (the demo seeder, an import) may write it.
        await ExecuteAsOwnerAsync($"""
            INSERT INTO history_events (occurred_at, actor_name, record_type, record_id, record_label, kind, action, field, old_value, new_value)
            VALUES (now() - interval '3 days', 'Riley Rep', 'lead', {lead}, 'Grouped', 'change', 'updated', 'source', NULL, 'Fair')
            """);

        var timeline = RenderTimeline(HistoryRecordTypes.Lead, lead);

        timeline.WaitForAssertion(() => Assert.Equal(2, timeline.FindAll("[data-testid=timeline-day]").Count));
        var days = timeline.FindAll("[data-testid=timeline-day]").Select(d => d.TextContent).ToList();
        Assert.Equal("Today", days[0]);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(TimelineSentence.DayHeading(today.AddDays(-3), today), days[1]);
        Assert.StartsWith(today.AddDays(-3).DayOfWeek.ToString(), days[1]);
        Assert.Equal("Riley Rep set the source of this lead to “Fair”", Sentences(timeline)[^1]);
    }

    [Fact]
    public async Task Show_older_pages_through_the_history_and_the_filter_narrows_it()
    {
        var lead = await Data.LeadAsync(stage: "New");
        foreach (var stage in new[] { "Qualified", "Discovery", "Proposal" })
            await LeadsAs(ActingUser.System).MoveLeadToStageAsync(lead, stage, null, null);

        var timeline = RenderTimeline(HistoryRecordTypes.Lead, lead, pageSize: 2);

        timeline.WaitForAssertion(() => Assert.Equal(2, Sentences(timeline).Count));
        Assert.Equal("DealTracker moved this lead from Discovery to Proposal", Sentences(timeline)[0]);
        await timeline.Find("[data-testid=timeline-older]").ClickAsync(new());
        timeline.WaitForAssertion(() => Assert.Equal(4, Sentences(timeline).Count));
        await timeline.Find("[data-testid=timeline-older]").ClickAsync(new());
        timeline.WaitForAssertion(() => Assert.Equal(6, Sentences(timeline).Count));
        Assert.Empty(timeline.FindAll("[data-testid=timeline-older]"));

        await timeline.Find("[data-testid=timeline-filter-note]").ClickAsync(new());
        timeline.WaitForAssertion(() => Assert.Equal("No notes yet.", timeline.Find("[data-testid=timeline-empty]").TextContent));
        Assert.Equal("true", timeline.Find("[data-testid=timeline-filter-note]").GetAttribute("aria-pressed"));
        await timeline.Find("[data-testid=timeline-filter-change]").ClickAsync(new());
        timeline.WaitForAssertion(() => Assert.Equal(2, Sentences(timeline).Count));
    }

    [Fact]
    public async Task A_deals_timeline_names_the_lead_each_lead_event_is_about()
    {
        var deal = await Data.DealAsync();
        var lead = await Data.LeadAsync(deal, stage: "New", title: "Rollout phase 2");
        await LeadsAs(ActingUser.System).MoveLeadToStageAsync(lead, "Qualified", null, null);

        var timeline = RenderTimeline(HistoryRecordTypes.Deal, deal);

        timeline.WaitForAssertion(() =>
            Assert.Equal("DealTracker moved lead “Rollout phase 2” from New to Qualified", Sentences(timeline)[0]));
        Assert.Contains("database created this deal", Sentences(timeline));
        Assert.Equal($"/leads/{lead}", timeline.Find("[data-testid=timeline-entry] a").GetAttribute("href"));
    }

    private Task ExecuteAsOwnerAsync(string sql) => new DatabaseProbe(ConnectionString).ExecuteAsync(sql);
}
