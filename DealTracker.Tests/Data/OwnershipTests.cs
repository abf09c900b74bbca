using DealTracker.Data.Dashboard;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Ownership;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>Sales see and change their own and unassigned records only, even calling the services directly.</summary>
public sealed class OwnershipTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private TestData Data => new(db.Services);

    private async Task<(ActingUser Me, ActingUser Other)> TwoSalesAsync()
    {
        var me = await db.Services.CreateUserAsync(Roles.Sales);
        var other = await db.Services.CreateUserAsync(Roles.Sales);
        return (ActingUser.Sales(me), ActingUser.Sales(other));
    }

    private static T Svc<T>(IServiceProvider services) where T : notnull => services.GetRequiredService<T>();

    [Fact]
    public async Task Sales_cannot_read_update_move_link_or_delete_another_users_lead()
    {
        var (me, other) = await TwoSalesAsync();
        var deal = await Data.DealAsync(ownerUserId: other.UserId);
        var lead = await Data.LeadAsync(deal, stage: "New", ownerUserId: other.UserId);
        var org = await Data.OrganizationAsync();
        var asMe = db.As(me);

        async Task AssertNotYours(Func<Task> action)
        {
            var ex = await Assert.ThrowsAsync<RecordNotFoundException>(action);
            Assert.Equal(Access.LeadNotFoundOrNotYours, ex.Message);
        }

        await AssertNotYours(() => Svc<OwnershipService>(asMe).GetLeadOwnerAsync(lead));
        await AssertNotYours(() => Svc<LeadService>(asMe).MoveLeadToStageAsync(lead, "Qualified", null, null));
        await AssertNotYours(() => Svc<LeadService>(asMe).LinkOrganizationAsync(lead, new PartyLink(org, "Prospect")));
        await AssertNotYours(() => Svc<LeadService>(asMe).UnlinkContactAsync(lead, 1));
        await AssertNotYours(() => Svc<LeadService>(asMe).DeleteLeadAsync(lead));
        await AssertNotYours(() => Svc<OwnershipService>(asMe).TakeLeadAsync(lead));
        await Assert.ThrowsAsync<RuleViolationException>(() => Svc<OwnershipService>(asMe).AssignLeadAsync(lead, me.UserId));

        Assert.Equal("New", await db.ScalarAsync<string>($"SELECT stage FROM lead_status WHERE lead_id = {lead}"));
        Assert.Equal(other.UserId, await db.ScalarAsync<long>($"SELECT owner_user_id FROM leads WHERE id = {lead}"));
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM lead_organizations WHERE lead_id = {lead} AND organization_id = {org}"));
    }

    [Fact]
    public async Task Sales_cannot_read_take_reassign_or_add_leads_to_another_users_deal()
    {
        var (me, other) = await TwoSalesAsync();
        var deal = await Data.DealAsync(ownerUserId: other.UserId);
        var org = await Data.OrganizationAsync();
        var asMe = db.As(me);

        var read = await Assert.ThrowsAsync<RecordNotFoundException>(() => Svc<OwnershipService>(asMe).GetDealOwnerAsync(deal));
        Assert.Equal(Access.DealNotFoundOrNotYours, read.Message);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Svc<OwnershipService>(asMe).TakeDealAsync(deal));
        await Assert.ThrowsAsync<RuleViolationException>(() => Svc<OwnershipService>(asMe).AssignDealAsync(deal, me.UserId));
        var create = await Assert.ThrowsAsync<RuleViolationException>(() => Svc<LeadService>(asMe).CreateLeadAsync(
            new NewLead(deal, "Sneaky lead", [new PartyLink(org, "Prospect", true)], [])));
        Assert.Equal("Deal", create.Field);

        Assert.Equal(other.UserId, await db.ScalarAsync<long>($"SELECT owner_user_id FROM deals WHERE id = {deal}"));
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM leads WHERE deal_id = {deal}"));
    }

    [Fact]
    public async Task Sales_work_their_own_leads_and_take_unassigned_ones()
    {
        var (me, other) = await TwoSalesAsync();
        var deal = await Data.DealAsync();
        var mine = await Data.LeadAsync(deal, stage: "New", ownerUserId: me.UserId);
        var unassigned = await Data.LeadAsync(deal, stage: "New");
        var asMe = db.As(me);

        await Svc<LeadService>(asMe).MoveLeadToStageAsync(mine, "Qualified", null, null);
        await Svc<LeadService>(asMe).MoveLeadToStageAsync(unassigned, "Qualified", null, null);
        Assert.Null(await Svc<OwnershipService>(asMe).GetLeadOwnerAsync(unassigned));

        await Svc<OwnershipService>(asMe).TakeLeadAsync(unassigned);

        Assert.Equal(me.UserId, await Svc<OwnershipService>(asMe).GetLeadOwnerAsync(unassigned));
        // Taken: the colleague no longer sees it, and cannot take it over.
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Svc<OwnershipService>(db.As(other)).TakeLeadAsync(unassigned));
        await Svc<LeadService>(asMe).DeleteLeadAsync(mine);
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM leads WHERE id = {mine}"));
    }

    [Fact]
    public async Task A_new_lead_is_owned_by_its_creator_and_only_managers_give_leads_away()
    {
        var (me, other) = await TwoSalesAsync();
        var manager = ActingUser.Manager(await db.Services.CreateUserAsync(Roles.Manager));
        var deal = await Data.DealAsync();
        var org = await Data.OrganizationAsync();

        var lead = await Svc<LeadService>(db.As(me)).CreateLeadAsync(new NewLead(deal, TestData.Unique("Mine"),
            [new PartyLink(org, "Prospect", true)], []));
        Assert.Equal(me.UserId, await db.ScalarAsync<long>($"SELECT owner_user_id FROM leads WHERE id = {lead}"));

        var giveAway = await Assert.ThrowsAsync<RuleViolationException>(() => Svc<LeadService>(db.As(me)).CreateLeadAsync(
            new NewLead(deal, TestData.Unique("For a colleague"), [new PartyLink(org, "Prospect", true)], [], OwnerUserId: other.UserId)));
        Assert.Equal("Owner", giveAway.Field);

        await Svc<OwnershipService>(db.As(manager)).AssignLeadAsync(lead, other.UserId);
        Assert.Equal(other.UserId, await Svc<OwnershipService>(db.As(manager)).GetLeadOwnerAsync(lead));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Svc<OwnershipService>(db.As(me)).GetLeadOwnerAsync(lead));
    }

    [Fact]
    public async Task Deleting_a_user_leaves_their_records_unassigned_in_the_database()
    {
        var (me, _) = await TwoSalesAsync();
        var deal = await Data.DealAsync(ownerUserId: me.UserId);
        var lead = await Data.LeadAsync(deal, ownerUserId: me.UserId);

        await db.ExecuteSqlAsync($"DELETE FROM users WHERE id = {me.UserId}");

        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(owner_user_id) FROM deals WHERE id = {deal}"));
        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(owner_user_id) FROM leads WHERE id = {lead}"));
    }

    [Fact]
    public async Task An_owner_must_be_a_real_user()
    {
        var deal = await Data.DealAsync();
        var ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            db.ExecuteSqlAsync($"UPDATE deals SET owner_user_id = 987654321 WHERE id = {deal}"));
        Assert.Contains("deals_owner_user_id_fkey", ex.Message);
    }
}

/// <summary>The overview's figures for Sales cover their own and unassigned records (a database of its own).</summary>
public sealed class DashboardOwnershipTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Sales_figures_count_their_own_and_unassigned_leads_only()
    {
        var data = new TestData(db.Services);
        var me = await db.Services.CreateUserAsync(Roles.Sales);
        var other = await db.Services.CreateUserAsync(Roles.Sales);
        var myDeal = await data.DealAsync(value: 1000m, ownerUserId: me);
        await data.LeadAsync(myDeal, stage: "New", ownerUserId: me);
        await data.LeadAsync(myDeal, stage: "Proposal");
        var theirDeal = await data.DealAsync(value: 5000m, ownerUserId: other);
        await data.LeadAsync(theirDeal, stage: "New", ownerUserId: other);
        await data.LeadAsync(theirDeal, stage: "Won", ownerUserId: other);

        var mine = await db.As(ActingUser.Sales(me)).GetRequiredService<DashboardService>().GetFiguresAsync();
        var all = await db.As(ActingUser.Manager(other)).GetRequiredService<DashboardService>().GetFiguresAsync();

        Assert.Equal((1, 2), (mine.Deals, mine.Leads));
        Assert.Equal(1, mine.LeadsPerStage.Single(s => s.Stage == "New").Leads);
        Assert.Equal(0, mine.LeadsPerStage.Single(s => s.Stage == "Won").Leads);
        Assert.Equal(1000m, mine.OpenPipeline.Single().Value);
        Assert.Equal((2, 4), (all.Deals, all.Leads));
        Assert.Equal(6000m, all.OpenPipeline.Single().Value);
    }
}
