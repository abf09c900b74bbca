using DealTracker.Data.Deals;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Ownership;
using DealTracker.Data.Parties;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>The lead and deal forms' services follow the ownership rules, also when called directly.</summary>
public sealed class FormOwnershipTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private TestData Data => new(db.Services);

    private static T Svc<T>(IServiceProvider services) where T : notnull => services.GetRequiredService<T>();

    private async Task<(ActingUser Me, ActingUser Other)> TwoSalesAsync() =>
        (ActingUser.Sales(await db.Services.CreateUserAsync(Roles.Sales)),
         ActingUser.Sales(await db.Services.CreateUserAsync(Roles.Sales)));

    private static LeadChanges ChangesFrom(LeadForEdit l, long? owner) => new(l.DealId, l.Title, l.Description, l.Source,
        l.Stage, l.Reason, l.Organizations.Select(o => new PartyLink(o.PartyId, o.Relationship, o.IsPrimary)).ToList(),
        l.Individuals.Select(i => new PartyLink(i.PartyId, i.Relationship, i.IsPrimary)).ToList(),
        l.Contacts.Select(c => new ContactLink(c.ContactId, c.RoleOnLead, c.IsPrimary)).ToList(), owner);

    [Fact]
    public async Task Sales_cannot_open_save_or_find_another_users_lead()
    {
        var (me, other) = await TwoSalesAsync();
        var deal = await Data.DealAsync(ownerUserId: other.UserId);
        var title = TestData.Unique("Theirs");
        var lead = await Data.LeadAsync(deal, title: title, ownerUserId: other.UserId);
        var loaded = (await db.Get<LeadService>().GetLeadForEditAsync(lead))!;
        var asMe = db.As(me);

        var read = await Assert.ThrowsAsync<RecordNotFoundException>(() => Svc<LeadService>(asMe).GetLeadForEditAsync(lead));
        Assert.Equal(Access.LeadNotFoundOrNotYours, read.Message);
        await Assert.ThrowsAsync<RecordNotFoundException>(() =>
            Svc<LeadService>(asMe).UpdateLeadAsync(loaded, ChangesFrom(loaded, other.UserId) with { Title = "Hijacked" }));
        Assert.Equal(title, await db.ScalarAsync<string>($"SELECT title FROM leads WHERE id = {lead}"));

        var mine = await Svc<LeadQueries>(asMe).ListAsync(new LeadListQuery(Search: title));
        Assert.Equal(0, mine.Total);
        Assert.Empty(mine.Items);
        var theirs = await Svc<LeadQueries>(db.As(other)).ListAsync(new LeadListQuery(Search: title));
        Assert.Equal([lead], theirs.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Lead_list_owner_filter_shows_my_leads_and_unassigned_ones()
    {
        var (me, other) = await TwoSalesAsync();
        var tag = TestData.Unique("Owned");
        var deal = await Data.DealAsync();
        var myLead = await Data.LeadAsync(deal, title: $"{tag} mine", ownerUserId: me.UserId);
        var free = await Data.LeadAsync(deal, title: $"{tag} free");
        await Data.LeadAsync(deal, title: $"{tag} theirs", ownerUserId: other.UserId);
        var queries = Svc<LeadQueries>(db.As(me));

        var visible = await queries.ListAsync(new LeadListQuery(Search: tag, Sort: LeadSort.Title, Descending: false));
        Assert.Equal([free, myLead], visible.Items.Select(r => r.Id));
        Assert.Equal(2, visible.Total);
        var onlyMine = await queries.ListAsync(new LeadListQuery(Search: tag, Owner: OwnerFilter.Mine));
        Assert.Equal([myLead], onlyMine.Items.Select(r => r.Id));
        Assert.NotNull(onlyMine.Items[0].OwnerName);
        var unassigned = await queries.ListAsync(new LeadListQuery(Search: tag, Owner: OwnerFilter.Unassigned));
        Assert.Equal([free], unassigned.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task The_deal_list_filters_by_owner_within_what_the_actor_may_see()
    {
        var (me, other) = await TwoSalesAsync();
        var manager = ActingUser.Manager(await db.Services.CreateUserAsync(Roles.Manager));
        var tag = TestData.Unique("Deal owners");
        var mine = await Data.DealAsync($"{tag} mine", ownerUserId: me.UserId);
        var free = await Data.DealAsync($"{tag} free");
        var theirs = await Data.DealAsync($"{tag} theirs", ownerUserId: other.UserId);
        var asMe = Svc<DealService>(db.As(me));
        var asManager = Svc<DealService>(db.As(manager));

        async Task<IEnumerable<long>> Ids(DealService deals, OwnerFilter owner, long? user = null) =>
            (await deals.ListDealsAsync(tag, 0, 25, owner: owner, ownerUserId: user)).Page.Items.Select(d => d.Id).Order();

        Assert.Equal([mine], await Ids(asMe, OwnerFilter.Mine));
        Assert.Equal([free], await Ids(asMe, OwnerFilter.Unassigned));
        Assert.Empty(await Ids(asMe, OwnerFilter.User, other.UserId)); // a Sales user never sees a colleague's deal
        Assert.Equal([theirs], await Ids(asManager, OwnerFilter.User, other.UserId));
        Assert.Equal(new[] { mine, free, theirs }.Order(), await Ids(asManager, OwnerFilter.Anyone));
        Assert.Equal(1, (await asManager.ListDealsAsync(tag, 0, 25, owner: OwnerFilter.Unassigned)).Totals.Sum(t => t.Deals));
    }

    [Fact]
    public async Task Sales_cannot_read_update_delete_or_find_another_users_deal()
    {
        var (me, other) = await TwoSalesAsync();
        var name = TestData.Unique("Their deal");
        var deal = await Svc<DealService>(db.As(other)).CreateDealAsync(new DealInput(name));
        var version = (await db.Get<DealService>().GetDealAsync(deal))!.Version;
        var deals = Svc<DealService>(db.As(me));

        var read = await Assert.ThrowsAsync<RecordNotFoundException>(() => deals.GetDealAsync(deal));
        Assert.Equal(Access.DealNotFoundOrNotYours, read.Message);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => deals.UpdateDealAsync(deal, version, new DealInput("Mine now", OwnerUserId: me.UserId)));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => deals.DeleteDealAsync(deal));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => deals.CountLeadsAsync(deal));
        Assert.Empty(await deals.SearchDealsAsync(name));
        Assert.Equal(0, (await deals.ListDealsAsync(name, 0, 25)).Page.Total);

        Assert.Equal(name, await db.ScalarAsync<string>($"SELECT name FROM deals WHERE id = {deal}"));
        Assert.Equal(other.UserId, await db.ScalarAsync<long>($"SELECT owner_user_id FROM deals WHERE id = {deal}"));
    }

    [Fact]
    public async Task A_deal_and_a_party_page_list_only_the_leads_the_actor_may_see()
    {
        var (me, other) = await TwoSalesAsync();
        var deal = await Data.DealAsync();
        var org = await Data.OrganizationAsync();
        var mine = await Data.LeadAsync(deal, organizationId: org, ownerUserId: me.UserId);
        await Data.LeadAsync(deal, organizationId: org, ownerUserId: other.UserId);
        var asMe = db.As(me);

        Assert.Equal([mine], (await Svc<DealService>(asMe).GetDealAsync(deal))!.Leads.Select(l => l.Id));
        Assert.Equal([mine], (await Svc<PartyQueries>(asMe).GetOrganizationAsync(org))!.Leads.Select(l => l.LeadId));
        Assert.Equal(2, (await db.Get<PartyQueries>().GetOrganizationAsync(org))!.Leads.Count);
    }

    [Fact]
    public async Task New_lead_and_deal_are_owned_by_their_creator()
    {
        var (me, _) = await TwoSalesAsync();
        var asMe = db.As(me);
        var deal = await Svc<DealService>(asMe).CreateDealAsync(new DealInput(TestData.Unique("My deal")));
        var org = await Data.OrganizationAsync();
        var lead = await Svc<LeadService>(asMe).CreateLeadAsync(new NewLead(deal, TestData.Unique("My lead"),
            [new PartyLink(org, "Prospect", true)], []));

        Assert.Equal(me.UserId, (await Svc<DealService>(asMe).GetDealAsync(deal))!.OwnerUserId);
        Assert.Equal(me.UserId, (await Svc<LeadService>(asMe).GetLeadForEditAsync(lead))!.OwnerUserId);
    }

    [Fact]
    public async Task Sales_cannot_give_a_lead_or_deal_to_someone_else()
    {
        var (me, other) = await TwoSalesAsync();
        var asMe = db.As(me);
        var refusedNew = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Svc<DealService>(asMe).CreateDealAsync(new DealInput(TestData.Unique("Gift"), OwnerUserId: other.UserId)));
        Assert.Equal("Owner", refusedNew.Field);

        var deal = await Svc<DealService>(asMe).CreateDealAsync(new DealInput(TestData.Unique("Mine")));
        var version = (await Svc<DealService>(asMe).GetDealAsync(deal))!.Version;
        var refusedDeal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Svc<DealService>(asMe).UpdateDealAsync(deal, version, new DealInput("Mine", OwnerUserId: other.UserId)));
        Assert.Equal("Owner", refusedDeal.Field);
        Assert.Equal(me.UserId, await db.ScalarAsync<long>($"SELECT owner_user_id FROM deals WHERE id = {deal}"));

        var lead = await Data.LeadAsync(deal, ownerUserId: me.UserId);
        var loaded = (await Svc<LeadService>(asMe).GetLeadForEditAsync(lead))!;
        var refusedLead = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Svc<LeadService>(asMe).UpdateLeadAsync(loaded, ChangesFrom(loaded, other.UserId)));
        Assert.Equal("Owner", refusedLead.Field);
        Assert.Equal(me.UserId, await db.ScalarAsync<long>($"SELECT owner_user_id FROM leads WHERE id = {lead}"));
    }

    [Fact]
    public async Task Sales_can_take_an_unassigned_lead_from_its_form()
    {
        var (me, _) = await TwoSalesAsync();
        var lead = await Data.LeadAsync(await Data.DealAsync());
        var leads = Svc<LeadService>(db.As(me));
        var loaded = (await leads.GetLeadForEditAsync(lead))!;

        var saved = await leads.UpdateLeadAsync(loaded, ChangesFrom(loaded, me.UserId));

        Assert.Equal(me.UserId, saved.OwnerUserId);
    }

    [Fact]
    public async Task A_manager_reassigns_a_lead_and_a_deal_from_their_forms()
    {
        var (sales, other) = await TwoSalesAsync();
        var manager = ActingUser.Manager(await db.Services.CreateUserAsync(Roles.Manager));
        var asManager = db.As(manager);
        var deal = await Svc<DealService>(db.As(sales)).CreateDealAsync(new DealInput(TestData.Unique("Handover")));
        var lead = await Data.LeadAsync(deal, ownerUserId: sales.UserId);

        var version = (await Svc<DealService>(asManager).GetDealAsync(deal))!.Version;
        await Svc<DealService>(asManager).UpdateDealAsync(deal, version, new DealInput("Handover", OwnerUserId: other.UserId));
        var loaded = (await Svc<LeadService>(asManager).GetLeadForEditAsync(lead))!;
        var saved = await Svc<LeadService>(asManager).UpdateLeadAsync(loaded, ChangesFrom(loaded, other.UserId));

        Assert.Equal(other.UserId, saved.OwnerUserId);
        Assert.Equal(other.UserId, (await Svc<DealService>(asManager).GetDealAsync(deal))!.OwnerUserId);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => Svc<LeadService>(db.As(sales)).GetLeadForEditAsync(lead));
    }
}
