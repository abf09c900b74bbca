using DealTracker.Data.Entities;
using DealTracker.Data.History;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.NextSteps;
using DealTracker.Data.Notes;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>Notes and next steps: their rules, their permissions, and their history.</summary>
public sealed class NotesAndNextStepsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private TestData Data => new(db.Services);

    private static T Svc<T>(IServiceProvider services) where T : notnull => services.GetRequiredService<T>();

    private async Task<ActingUser> SalesAsync() => ActingUser.Sales(await db.Services.CreateUserAsync(Roles.Sales));

    private Task<TimelinePage> LeadTimelineAsync(long lead, params string[] kinds) =>
        Svc<TimelineService>(db.As(ActingUser.System)).GetLeadTimelineAsync(lead, new TimelineQuery(kinds));

    private Task<uint> VersionAsync(long note) =>
        db.ScalarAsync<long>($"SELECT xmin::text::bigint FROM notes WHERE id = {note}").ContinueWith(t => (uint)t.Result);

    [Fact]
    public async Task A_note_keeps_its_line_breaks_and_its_add_edit_and_delete_are_history()
    {
        var author = await SalesAsync();
        var lead = await Data.LeadAsync(ownerUserId: author.UserId);
        var notes = Svc<NoteService>(db.As(author));

        var note = await notes.AddAsync(NoteTarget.Lead(lead), "  Called Dana.\nSend the quote https://example.com/q  ");
        await notes.UpdateAsync(note, await VersionAsync(note), "Called Dana.\nQuote sent.");
        var timeline = await LeadTimelineAsync(lead, HistoryKinds.Note);
        Assert.Equal("Called Dana.\nQuote sent.", timeline.Entries[^1].Note!.Body);
        await notes.DeleteAsync(note, await VersionAsync(note));

        var events = (await LeadTimelineAsync(lead, HistoryKinds.Note)).Entries.Reverse().ToList();
        Assert.Equal([HistoryActions.Created, HistoryActions.Updated, HistoryActions.Deleted], events.Select(e => e.Action));
        Assert.Equal("Called Dana.\nSend the quote https://example.com/q", events[0].NewValue);
        Assert.Equal(("Called Dana.\nSend the quote https://example.com/q", "Called Dana.\nQuote sent."), (events[1].OldValue, events[1].NewValue));
        Assert.All(events, e => Assert.Equal(author.UserId, e.ActorUserId));
        Assert.All(events, e => Assert.Null(e.Note));
    }

    [Fact]
    public async Task Empty_and_over_long_notes_are_refused_next_to_the_field_and_nothing_is_saved()
    {
        var lead = await Data.LeadAsync();
        var notes = Svc<NoteService>(db.As(ActingUser.System));

        var empty = await Assert.ThrowsAsync<RuleViolationException>(() => notes.AddAsync(NoteTarget.Lead(lead), " \n "));
        var tooLong = await Assert.ThrowsAsync<RuleViolationException>(() =>
            notes.AddAsync(NoteTarget.Lead(lead), new string('x', Note.BodyMaxLength + 1)));
        await notes.AddAsync(NoteTarget.Lead(lead), new string('x', Note.BodyMaxLength));

        Assert.Equal(("Body", "Body"), (empty.Field, tooLong.Field));
        Assert.Equal("A note can be at most 10,000 characters; this one has 10,001.", tooLong.Message);
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM notes WHERE lead_id = {lead}"));
    }

    [Fact]
    public async Task Only_the_author_or_a_manager_may_change_a_note_and_a_stale_edit_is_refused()
    {
        var author = await SalesAsync();
        var colleague = await SalesAsync();
        var manager = ActingUser.Manager(await db.Services.CreateUserAsync(Roles.Manager));
        var lead = await Data.LeadAsync(); // unassigned: every Sales user sees it
        var note = await Svc<NoteService>(db.As(author)).AddAsync(NoteTarget.Lead(lead), "Mine");
        var seen = await VersionAsync(note);

        await Assert.ThrowsAsync<RuleViolationException>(() => Svc<NoteService>(db.As(colleague)).UpdateAsync(note, seen, "Theirs"));
        await Svc<NoteService>(db.As(manager)).UpdateAsync(note, seen, "Tidied by the manager");
        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            Svc<NoteService>(db.As(author)).UpdateAsync(note, seen, "My second thought"));
        await Svc<NoteService>(db.As(manager)).DeleteAsync(note, await VersionAsync(note));
        var gone = await Assert.ThrowsAsync<RecordNotFoundException>(() =>
            Svc<NoteService>(db.As(author)).UpdateAsync(note, seen, "Too late"));

        Assert.Equal(NoteService.ChangedMeanwhile, stale.Message);
        Assert.Equal(NoteService.DeletedMeanwhile, gone.Message);
        Assert.False(NoteService.MayChange(colleague, author.UserId));
        Assert.True(NoteService.MayChange(author, author.UserId));
    }

    [Fact]
    public async Task A_note_on_a_lead_deleted_meanwhile_is_refused_with_a_sentence()
    {
        var lead = await Data.LeadAsync();
        await Svc<LeadService>(db.As(ActingUser.System)).DeleteLeadAsync(lead);

        var refusal = await Assert.ThrowsAsync<RecordNotFoundException>(() =>
            Svc<NoteService>(db.As(ActingUser.System)).AddAsync(NoteTarget.Lead(lead), "Hello?"));

        Assert.Equal("This lead no longer exists.", refusal.Message);
    }

    [Fact]
    public async Task Setting_changing_and_completing_a_next_step_are_history_and_a_past_step_is_overdue()
    {
        var owner = await SalesAsync();
        var lead = await Data.LeadAsync(ownerUserId: owner.UserId, title: "Follow-up lead");
        var steps = Svc<NextStepService>(db.As(owner));
        var clock = db.Get<AppClock>();

        await steps.SetAsync(lead, new NextStepInput("Call Dana", clock.Today.AddDays(-2)));
        var overdue = await steps.GetAsync(lead);
        var mine = await steps.GetMineDueAsync();
        await steps.SetAsync(lead, new NextStepInput("Call Dana", new DateOnly(2030, 1, 7), new TimeOnly(10, 30)));
        await steps.CompleteAsync(lead);

        Assert.True(overdue!.IsOverdue);
        Assert.Equal("Follow-up lead", Assert.Single(mine).LeadTitle);
        Assert.Null(await steps.GetAsync(lead));
        var events = (await LeadTimelineAsync(lead, HistoryKinds.NextStep)).Entries.Reverse().ToList();
        Assert.Equal([HistoryActions.Created, HistoryActions.Updated, HistoryActions.Completed], events.Select(e => e.Action));
        Assert.Equal("Call Dana — due 2030-01-07 10:30", events[1].NewValue);
        Assert.Equal("Call Dana — due 2030-01-07 10:30", events[2].OldValue);
        Assert.All(events, e => Assert.Equal(owner.UserId, e.ActorUserId));
    }

    [Fact]
    public async Task A_next_step_needs_what_and_when()
    {
        var lead = await Data.LeadAsync();
        var steps = Svc<NextStepService>(db.As(ActingUser.System));

        var noWhat = await Assert.ThrowsAsync<RuleViolationException>(() => steps.SetAsync(lead, new NextStepInput(" ", new DateOnly(2030, 1, 1))));
        var noDay = await Assert.ThrowsAsync<RuleViolationException>(() => steps.SetAsync(lead, new NextStepInput("Call", null)));

        Assert.Equal(("NextStep", "NextStepDueOn"), (noWhat.Field, noDay.Field));
        Assert.Null(await steps.GetAsync(lead));
    }

    [Fact]
    public void Overdue_means_past_its_day_or_today_past_its_time()
    {
        var now = new DateTime(2026, 12, 2, 14, 0, 0);
        Assert.True(NextStepRules.IsOverdue(new DateOnly(2026, 12, 1), null, now));
        Assert.False(NextStepRules.IsOverdue(new DateOnly(2026, 12, 2), null, now));
        Assert.True(NextStepRules.IsOverdue(new DateOnly(2026, 12, 2), new TimeOnly(13, 59), now));
        Assert.False(NextStepRules.IsOverdue(new DateOnly(2026, 12, 2), new TimeOnly(14, 30), now));
        Assert.Equal(new DateOnly(2026, 11, 30), AppClock.WeekStart(new DateOnly(2026, 12, 6)));
        Assert.Equal(new DateOnly(2026, 11, 30), AppClock.WeekStart(new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public async Task The_board_filters_overdue_and_due_this_week_and_cards_carry_the_next_step()
    {
        var marker = TestData.Unique("Steps");
        var clock = db.Get<AppClock>();
        var monday = AppClock.WeekStart(clock.Today);
        var overdue = await Data.LeadAsync(title: marker + " overdue", stage: "New");
        var thisWeek = await Data.LeadAsync(title: marker + " this week", stage: "New");
        var later = await Data.LeadAsync(title: marker + " later", stage: "New");
        await Data.LeadAsync(title: marker + " none", stage: "New");
        var steps = Svc<NextStepService>(db.As(ActingUser.System));
        await steps.SetAsync(overdue, new NextStepInput("Chase", clock.Today.AddDays(-1)));
        await steps.SetAsync(thisWeek, new NextStepInput("Demo", monday.AddDays(6)));
        await steps.SetAsync(later, new NextStepInput("Renewal", monday.AddDays(21)));
        var pipeline = Svc<PipelineService>(db.As(ActingUser.System));

        async Task<string[]> TitlesAsync(NextStepWindow? window) =>
            (await pipeline.LoadBoardAsync(new PipelineFilter(Search: marker, NextStep: window))).Columns
            .SelectMany(c => c.Cards).Select(c => c.Title).Order().ToArray();

        Assert.Equal([marker + " overdue"], await TitlesAsync(NextStepWindow.Overdue));
        var week = await TitlesAsync(NextStepWindow.DueThisWeek);
        Assert.Contains(marker + " this week", week);
        Assert.DoesNotContain(marker + " later", week);
        var card = (await pipeline.LoadBoardAsync(new PipelineFilter(Search: marker))).Columns.SelectMany(c => c.Cards)
            .Single(c => c.LeadId == overdue);
        Assert.Equal(("Chase", clock.Today.AddDays(-1)), (card.NextStep, card.NextStepDueOn!.Value));
        Assert.True(card.IsNextStepOverdue(clock.Now));
    }
}
