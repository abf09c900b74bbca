using DealTracker.Data.Deals;
using DealTracker.Data.Entities;
using DealTracker.Data.History;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Ownership;
using DealTracker.Data.Parties;
using DealTracker.Data.Picklists;
using DealTracker.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealTracker.Tests.Data;

/// <summary>
/// The database writes the history in the transaction of each change: who, when, the field, old and new values.
/// Nothing is saved without its event, nothing recorded without being saved, and events are append-only.
/// </summary>
public sealed class HistoryTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private TestData Data => new(db.Services);

    private static T Svc<T>(IServiceProvider services) where T : notnull => services.GetRequiredService<T>();

    private async Task<List<HistoryEvent>> EventsAsync(string recordType, long recordId)
    {
        await using var ctx = await db.DbFactory.CreateDbContextAsync();
        return await ctx.HistoryEvents.AsNoTracking().Where(e => e.RecordType == recordType && e.RecordId == recordId)
            .OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<long> MaxEventIdAsync() =>
        await db.ScalarAsync<long>("SELECT COALESCE(max(id), 0) FROM history_events");

    private async Task<List<HistoryEvent>> EventsSinceAsync(long afterId)
    {
        await using var ctx = await db.DbFactory.CreateDbContextAsync();
        return await ctx.HistoryEvents.AsNoTracking().Where(e => e.Id > afterId).OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<(long Id, ActingUser Actor, string Name)> UserAsync(string role)
    {
        var name = TestData.Unique(role == Roles.Manager ? "Morgan Manager" : "Sam Seller");
        var id = await db.Services.CreateUserAsync(role, name);
        var actor = role switch
        {
            Roles.Admin => ActingUser.Admin(id),
            Roles.Manager => ActingUser.Manager(id),
            _ => ActingUser.Sales(id),
        };
        return (id, actor, name);
    }

    [Fact]
    public async Task Moving_a_lead_records_one_stage_event_with_the_mover_and_the_reason()
    {
        var (managerId, manager, name) = await UserAsync(Roles.Manager);
        var lead = await Data.LeadAsync(stage: "Proposal");
        var before = await MaxEventIdAsync();

        await Svc<LeadService>(db.As(manager)).MoveLeadToStageAsync(lead, "Lost", "Price", null);

        var move = Assert.Single(await EventsSinceAsync(before));
        Assert.Equal((HistoryRecordTypes.Lead, lead, HistoryKinds.Change, HistoryActions.Updated, "stage"),
            (move.RecordType, move.RecordId, move.Kind, move.Action, move.Field));
        Assert.Equal(("Proposal", "Lost", "Price"), (move.OldValue, move.NewValue, move.Detail));
        Assert.Equal((managerId, name), (move.ActorUserId, move.ActorName));
        Assert.Equal(await db.ScalarAsync<long>($"SELECT deal_id FROM leads WHERE id = {lead}"), move.DealId);
    }

    [Fact]
    public async Task Creating_a_lead_records_its_creation_stage_and_parties_as_the_system()
    {
        var org = await Data.OrganizationAsync("Acme " + Guid.NewGuid().ToString("N")[..6]);
        var lead = await Data.LeadAsync(stage: "Qualified", organizationId: org, title: "Expansion");

        var events = await EventsAsync(HistoryRecordTypes.Lead, lead);
        Assert.Equal(3, events.Count);
        Assert.Equal("Expansion", Assert.Single(events, e => e.Action == HistoryActions.Created && e.Field is null).NewValue);
        Assert.Equal("Qualified", Assert.Single(events, e => e.Action == HistoryActions.Created && e.Field == "stage").NewValue);
        var link = Assert.Single(events, e => e.Action == HistoryActions.Linked);
        Assert.Equal(("organization", "Prospect, primary"), (link.Field, link.Detail));
        Assert.StartsWith("Acme", link.NewValue);
        Assert.All(events, e => Assert.Equal("DealTracker", e.ActorName));
    }

    [Fact]
    public async Task Editing_a_lead_records_each_changed_field_with_old_and_new_values()
    {
        var (_, sales, name) = await UserAsync(Roles.Sales);
        var lead = await Data.LeadAsync(title: "Old title");
        var otherDeal = await Data.DealAsync("Other deal " + Guid.NewGuid().ToString("N")[..6]);
        var before = await MaxEventIdAsync();

        await db.ExecuteSqlAsync($"UPDATE leads SET owner_user_id = {sales.UserId} WHERE id = {lead}");
        var asSales = db.As(sales);
        var form = (await Svc<LeadService>(asSales).GetLeadForEditAsync(lead))!;
        await Svc<LeadService>(asSales).UpdateLeadAsync(form, new LeadChanges(otherDeal, "New title", form.Description,
            "Referral", form.Stage, form.Reason,
            form.Organizations.Select(o => new PartyLink(o.PartyId, o.Relationship, o.IsPrimary)).ToList(),
            form.Individuals.Select(i => new PartyLink(i.PartyId, i.Relationship, i.IsPrimary)).ToList(),
            form.Contacts.Select(c => new ContactLink(c.ContactId, c.RoleOnLead, c.IsPrimary)).ToList(),
            form.OwnerUserId));

        var events = await EventsSinceAsync(before);
        var owner = Assert.Single(events, e => e.Field == "owner_user_id");
        Assert.Equal(("database", (string?)null, name), (owner.ActorName, owner.OldValue, owner.NewValue));
        var edits = events.Where(e => e.ActorName == name).ToList();
        Assert.Equal(["title", "source", "deal_id"], edits.Select(e => e.Field!).ToArray());
        Assert.Equal(("Old title", "New title"), (edits[0].OldValue, edits[0].NewValue));
        Assert.Equal(((string?)null, "Referral"), (edits[1].OldValue, edits[1].NewValue));
        Assert.StartsWith("Other deal", edits[2].NewValue);
        Assert.Equal(otherDeal, edits[2].DealId);
    }

    [Fact]
    public async Task Link_changes_are_events_on_the_lead()
    {
        var lead = await Data.LeadAsync();
        var individual = await Data.IndividualAsync("Dana", "Linkton");
        var leads = Svc<LeadService>(db.As(ActingUser.System));
        var before = await MaxEventIdAsync();

        await leads.LinkIndividualAsync(lead, new PartyLink(individual, "Champion"));
        await db.ExecuteSqlAsync($"UPDATE lead_individuals SET relationship = 'Sponsor' WHERE lead_id = {lead} AND individual_id = {individual}");
        await leads.UnlinkIndividualAsync(lead, individual);

        var events = await EventsSinceAsync(before);
        Assert.Collection(events,
            e => Assert.Equal((HistoryActions.Linked, "individual", (string?)null, "Dana Linkton", "Champion", "DealTracker"),
                (e.Action, e.Field, e.OldValue, e.NewValue, e.Detail, e.ActorName)),
            e => Assert.Equal((HistoryActions.Updated, "individual.relationship", "Champion", "Sponsor", "Dana Linkton", "database"),
                (e.Action, e.Field, e.OldValue, e.NewValue, e.Detail, e.ActorName)),
            e => Assert.Equal((HistoryActions.Unlinked, "individual", "Dana Linkton", (string?)null),
                (e.Action, e.Field, e.OldValue, e.NewValue)));
        Assert.All(events, e => Assert.Equal((HistoryRecordTypes.Lead, lead), (e.RecordType, e.RecordId)));
    }

    [Fact]
    public async Task Deal_changes_record_each_field_and_the_owner_by_name()
    {
        var (managerId, manager, managerName) = await UserAsync(Roles.Manager);
        var deals = Svc<DealService>(db.As(manager));
        var deal = await deals.CreateDealAsync(new DealInput("Big deal", null, 1000m, "USD", 20m));
        var version = await db.ScalarAsync<long>($"SELECT xmin::text::bigint FROM deals WHERE id = {deal}");

        await deals.UpdateDealAsync(deal, (uint)version,
            new DealInput("Big deal", null, 2500m, "EUR", 20m, new DateOnly(2027, 3, 31), managerId));

        var events = await EventsAsync(HistoryRecordTypes.Deal, deal);
        Assert.Equal(HistoryActions.Created, events[0].Action);
        var changes = events.Skip(1).Select(e => (e.Field, e.OldValue, e.NewValue)).ToList();
        Assert.Equal(
            [("value_amount", "1000.00", "2500.00"), ("value_currency", "USD", "EUR"), ("close_date", null, "2027-03-31")],
            changes);
        Assert.All(events, e => Assert.Equal((managerName, deal), (e.ActorName, e.DealId!.Value)));
    }

    [Fact]
    public async Task Parties_record_creation_changes_and_deletion()
    {
        var parties = Svc<PartyService>(db.As(ActingUser.System));
        var org = await Data.OrganizationAsync("Globex " + Guid.NewGuid().ToString("N")[..6]);
        await db.ExecuteSqlAsync($"UPDATE organizations SET website = 'https://globex.example' WHERE id = {org}");
        var person = await Data.IndividualAsync("Hank", "Scorpio");
        var contact = await Data.ContactAsync(person, org, "CEO");
        await parties.DeleteContactAsync(contact);
        await parties.DeleteOrganizationAsync(org);

        Assert.Equal(
            [(HistoryActions.Created, null, null), (HistoryActions.Updated, "website", "https://globex.example"),
             (HistoryActions.Deleted, null, null)],
            (await EventsAsync(HistoryRecordTypes.Organization, org)).Select(e => (e.Action, e.Field, e.Field is null ? null : e.NewValue)));
        var contactEvents = await EventsAsync(HistoryRecordTypes.Contact, contact);
        Assert.Equal([HistoryActions.Created, HistoryActions.Deleted], contactEvents.Select(e => e.Action));
        Assert.All(contactEvents, e => Assert.Equal("Hank Scorpio", e.RecordLabel));
        Assert.Equal(HistoryActions.Created, Assert.Single(await EventsAsync(HistoryRecordTypes.Individual, person)).Action);
    }

    [Fact]
    public async Task A_change_made_with_plain_sql_is_recorded_as_the_database()
    {
        var lead = await Data.LeadAsync(stage: "New");
        var before = await MaxEventIdAsync();

        await db.ExecuteSqlAsync($"UPDATE lead_status SET stage = 'Qualified' WHERE lead_id = {lead}");

        var move = Assert.Single(await EventsSinceAsync(before));
        Assert.Equal(("database", (long?)null, "New", "Qualified"), (move.ActorName, move.ActorUserId, move.OldValue, move.NewValue));
    }

    [Fact]
    public async Task A_failed_save_leaves_no_event_and_an_event_needs_a_committed_change()
    {
        var lead = await Data.LeadAsync(stage: "New");
        var before = await MaxEventIdAsync();

        await Assert.ThrowsAnyAsync<Exception>(() =>
            Svc<LeadService>(db.As(ActingUser.System)).MoveLeadToStageAsync(lead, "No such stage", null, null));
        await using (var connection = new NpgsqlConnection(db.ConnectionString))
        {
            await connection.OpenAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using (var move = new NpgsqlCommand($"UPDATE lead_status SET stage = 'Won' WHERE lead_id = {lead}", connection, tx))
                await move.ExecuteNonQueryAsync();
            await tx.RollbackAsync();
        }

        Assert.Empty(await EventsSinceAsync(before));
    }

    [Fact]
    public async Task A_picklist_rename_and_merge_show_on_each_moved_lead_as_the_admins_change()
    {
        var (adminId, admin, adminName) = await UserAsync(Roles.Admin);
        var picklists = Svc<PicklistAdminService>(db.As(admin));
        var old = TestData.Unique("Pilot");
        await picklists.AddAsync(PicklistCategories.Stage, old);
        var target = TestData.Unique("Trial");
        await picklists.AddAsync(PicklistCategories.Stage, target);
        var first = await Data.LeadAsync(stage: old);
        var second = await Data.LeadAsync(stage: old);
        var renamed = old + " renamed";

        await picklists.RenameAsync(await RefAsync(picklists, old), renamed);
        await picklists.DeleteAsync(await RefAsync(picklists, renamed), (await RefAsync(picklists, target)).Id);

        foreach (var lead in new[] { first, second })
        {
            var moves = (await EventsAsync(HistoryRecordTypes.Lead, lead)).Where(e => e.Action == HistoryActions.Updated).ToList();
            Assert.Equal([(old, renamed), (renamed, target)], moves.Select(e => (e.OldValue!, e.NewValue!)));
            Assert.All(moves, e => Assert.Equal((adminId, adminName), (e.ActorUserId!.Value, e.ActorName)));
        }
    }

    private static async Task<PicklistValueRef> RefAsync(PicklistAdminService picklists, string value)
    {
        var stage = (await picklists.GetCategoriesAsync()).Single(c => c.Category == PicklistCategories.Stage);
        var v = stage.Values.Single(x => x.Value == value);
        return new PicklistValueRef(v.Id, v.Version);
    }

    [Fact]
    public async Task Events_cannot_be_changed_or_deleted_by_the_app_connection()
    {
        var lead = await Data.LeadAsync();
        var eventId = await db.ScalarAsync<long>($"SELECT max(id) FROM history_events WHERE record_id = {lead} AND record_type = 'lead'");

        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteSqlAsync($"UPDATE history_events SET actor_name = 'someone else' WHERE id = {eventId}"));
        var delete = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecuteSqlAsync($"DELETE FROM history_events WHERE id = {eventId}"));
        var truncate = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteSqlAsync("TRUNCATE history_events"));

        Assert.All([update, delete, truncate], e => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState));
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM history_events WHERE id = {eventId} AND actor_name <> 'someone else'"));
    }

    [Fact]
    public async Task A_deleted_leads_history_outlives_it_and_stays_on_its_deals_timeline()
    {
        var deal = await Data.DealAsync();
        var lead = await Data.LeadAsync(deal, title: "Short-lived");
        await Svc<LeadService>(db.As(ActingUser.System)).MoveLeadToStageAsync(lead, "Qualified", null, null);
        var (_, manager, _) = await UserAsync(Roles.Manager);

        await Svc<LeadService>(db.As(manager)).DeleteLeadAsync(lead);

        var events = await EventsAsync(HistoryRecordTypes.Lead, lead);
        Assert.Equal(HistoryActions.Deleted, events[^1].Action);
        Assert.Equal("Short-lived", events[^1].OldValue);
        Assert.DoesNotContain(events, e => e.Action == HistoryActions.Unlinked);
        var timeline = await Svc<TimelineService>(db.As(manager)).GetDealTimelineAsync(deal, new TimelineQuery());
        Assert.Equal(events.Select(e => e.Id).Reverse(), timeline.Entries.Where(e => e.RecordType == HistoryRecordTypes.Lead && e.RecordId == lead).Select(e => e.Id));
    }

    [Fact]
    public async Task Stage_entered_at_moves_with_the_stage_only()
    {
        var lead = await Data.LeadAsync(stage: "New");
        // Only the schema owner may set it by hand (as the demo seeder does); the trigger keeps it for everyone else.
        await db.ExecuteAsOwnerAsync($"UPDATE lead_status SET stage_entered_at = now() - interval '9 days' WHERE lead_id = {lead}");
        var leads = Svc<LeadService>(db.As(ActingUser.System));

        await leads.MoveLeadToStageAsync(lead, "New", null, null);
        await db.ExecuteSqlAsync($"UPDATE leads SET title = title || '!' WHERE id = {lead}");
        Assert.Equal(9, await db.ScalarAsync<int>($"SELECT extract(day FROM now() - stage_entered_at)::int FROM lead_status WHERE lead_id = {lead}"));

        await leads.MoveLeadToStageAsync(lead, "Qualified", null, null);
        Assert.Equal(0, await db.ScalarAsync<int>($"SELECT extract(day FROM now() - stage_entered_at)::int FROM lead_status WHERE lead_id = {lead}"));
    }

    [Fact]
    public async Task Sales_see_the_history_of_what_they_may_see_only()
    {
        var (_, me, _) = await UserAsync(Roles.Sales);
        var (_, other, _) = await UserAsync(Roles.Sales);
        var deal = await Data.DealAsync();
        var mine = await Data.LeadAsync(deal, ownerUserId: me.UserId);
        var theirs = await Data.LeadAsync(deal, ownerUserId: other.UserId);
        var timelines = Svc<TimelineService>(db.As(me));

        var dealTimeline = await timelines.GetDealTimelineAsync(deal, new TimelineQuery());
        Assert.Contains(dealTimeline.Entries, e => e.RecordId == mine && e.RecordType == HistoryRecordTypes.Lead);
        Assert.DoesNotContain(dealTimeline.Entries, e => e.RecordId == theirs && e.RecordType == HistoryRecordTypes.Lead);
        Assert.Contains(dealTimeline.Entries, e => e.RecordType == HistoryRecordTypes.Deal);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => timelines.GetLeadTimelineAsync(theirs, new TimelineQuery()));
        var theirDeal = await Data.DealAsync(ownerUserId: other.UserId);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => timelines.GetDealTimelineAsync(theirDeal, new TimelineQuery()));
    }

    [Fact]
    public async Task A_timeline_pages_newest_first_and_filters_by_kind()
    {
        var lead = await Data.LeadAsync(stage: "New");
        var leads = Svc<LeadService>(db.As(ActingUser.System));
        foreach (var stage in new[] { "Qualified", "Discovery", "Proposal", "Negotiation" })
            await leads.MoveLeadToStageAsync(lead, stage, null, null);
        var timelines = Svc<TimelineService>(db.As(ActingUser.System));

        var first = await timelines.GetLeadTimelineAsync(lead, new TimelineQuery(PageSize: 4));
        var second = await timelines.GetLeadTimelineAsync(lead, new TimelineQuery(Before: first.Older, PageSize: 4));

        var all = (await EventsAsync(HistoryRecordTypes.Lead, lead)).Select(e => e.Id).Reverse().ToList();
        Assert.Equal(all, first.Entries.Concat(second.Entries).Select(e => e.Id));
        Assert.NotNull(first.Older);
        Assert.Null(second.Older);
        Assert.Equal("Negotiation", first.Entries[0].NewValue);
        Assert.Empty((await timelines.GetLeadTimelineAsync(lead, new TimelineQuery([HistoryKinds.Note]))).Entries);
    }

    [Fact]
    public async Task History_triggers_on_update_run_only_when_a_recorded_column_changed()
    {
        // A stage move also writes its lead (its "last updated"): without a WHEN condition, that UPDATE ran two history
        // functions that found nothing to record, on every move.
        const string historyTriggersOnUpdate = """
            SELECT count(*) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND p.proname IN ('record_history', 'lead_next_step_history', 'lead_status_history')
              AND (t.tgtype & 16) <> 0
            """;

        Assert.Equal(0L, await db.ScalarAsync<long>(historyTriggersOnUpdate + " AND t.tgqual IS NULL"));
        Assert.Equal(7L, await db.ScalarAsync<long>(historyTriggersOnUpdate)); // five kinds of record, the next step, the stage
    }
}
