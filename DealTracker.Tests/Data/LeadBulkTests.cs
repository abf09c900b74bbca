using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Ownership;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>
/// Bulk actions on /leads change each lead by its own rules: the refused ones are listed with the rule's sentence
/// (never a title the user may not see), the rest are done.
/// </summary>
public sealed class LeadBulkTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private TestData Data => new(db.Services);

    private static LeadBulkService Bulk(IServiceProvider services) => services.GetRequiredService<LeadBulkService>();

    [Fact]
    public async Task A_move_gives_every_lead_the_stage_and_the_one_reason_and_lists_a_lead_deleted_meanwhile()
    {
        var first = await Data.LeadAsync(stage: "New");
        var second = await Data.LeadAsync(stage: "Qualified");
        var gone = await Data.LeadAsync(stage: "New");
        var manager = ActingUser.Manager(await db.Services.CreateUserAsync(Roles.Manager));
        await db.As(manager).GetRequiredService<LeadService>().DeleteLeadAsync(gone);

        var outcome = await Bulk(db.As(manager)).MoveAsync([first, second, gone], "Lost", "Price");

        Assert.Equal(2, outcome.Done);
        var refusal = Assert.Single(outcome.Refused);
        Assert.Equal((gone, "This lead no longer exists."), (refusal.LeadId, refusal.Reason));
        Assert.Equal(2L, await db.ScalarAsync<long>(
            $"SELECT count(*) FROM lead_status WHERE lead_id IN ({first}, {second}) AND stage = 'Lost' AND reason = 'Price'"));
    }

    [Fact]
    public async Task A_stage_that_needs_a_reason_refuses_every_lead_without_one_and_moves_none()
    {
        var lead = await Data.LeadAsync(stage: "New");

        var outcome = await Bulk(db.As(ActingUser.System)).MoveAsync([lead], "Lost", reason: null);

        Assert.Equal(0, outcome.Done);
        Assert.Equal("Say why the lead moves to Lost.", Assert.Single(outcome.Refused).Reason);
        Assert.Equal("New", await db.ScalarAsync<string>($"SELECT stage FROM lead_status WHERE lead_id = {lead}"));
    }

    [Fact]
    public async Task Sales_delete_their_own_leads_and_another_users_lead_is_refused_without_its_title()
    {
        var me = ActingUser.Sales(await db.Services.CreateUserAsync(Roles.Sales));
        var other = await db.Services.CreateUserAsync(Roles.Sales);
        var mine = await Data.LeadAsync(ownerUserId: me.UserId);
        var theirs = await Data.LeadAsync(title: "Their secret lead", ownerUserId: other);

        var outcome = await Bulk(db.As(me)).DeleteAsync([mine, theirs]);

        Assert.Equal(1, outcome.Done);
        var refusal = Assert.Single(outcome.Refused);
        Assert.Equal(($"Lead {theirs}", Access.LeadNotFoundOrNotYours), (refusal.Title, refusal.Reason));
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM leads WHERE id = {mine}"));
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM leads WHERE id = {theirs}"));
    }

    [Fact]
    public async Task Only_managers_reassign_and_the_new_owner_is_recorded_as_their_change()
    {
        var seller = await db.Services.CreateUserAsync(Roles.Sales);
        var manager = ActingUser.Manager(await db.Services.CreateUserAsync(Roles.Manager));
        var lead = await Data.LeadAsync();

        var bySales = await Bulk(db.As(ActingUser.Sales(seller))).AssignAsync([lead], seller);
        var byManager = await Bulk(db.As(manager)).AssignAsync([lead], seller);

        Assert.Equal((0, 1), (bySales.Done, bySales.Refused.Count));
        Assert.Equal((1, 0), (byManager.Done, byManager.Refused.Count));
        Assert.Equal(seller, await db.ScalarAsync<long>($"SELECT owner_user_id FROM leads WHERE id = {lead}"));
        Assert.Equal(1L, await db.ScalarAsync<long>(
            $"SELECT count(*) FROM history_events WHERE record_type = 'lead' AND record_id = {lead} AND actor_user_id = {manager.UserId}"));
    }

    [Fact]
    public async Task Select_all_matching_gives_every_lead_of_the_list_in_its_order_and_refuses_more_than_the_limit()
    {
        var tag = TestData.Unique("Bulk");
        var leads = new List<long>();
        for (var i = 0; i < 3; i++)
            leads.Add(await Data.LeadAsync(title: $"{tag} {i}"));
        var services = db.As(ActingUser.System);
        var query = new LeadListQuery(Search: tag, Sort: LeadSort.Title, Descending: false);

        var ids = await Bulk(services).MatchingIdsAsync(query);

        Assert.Equal(leads, ids);
        var page = await services.GetRequiredService<LeadQueries>().ListAsync(query with { PageSize = 2 });
        Assert.Equal(page.Items.Select(r => r.Id), ids.Take(2));
        var tooMany = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Bulk(services).MoveAsync(Enumerable.Range(1, Limits.BulkLeads + 1).Select(i => (long)i).ToList(), "New", null));
        Assert.Equal(LeadBulkService.TooMany, tooMany.Message);
    }
}
