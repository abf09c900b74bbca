using DealTracker.Data.Leads;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

public sealed class LeadQueriesTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private LeadQueries Queries => db.Get<LeadQueries>();
    private LeadService Leads => db.Get<LeadService>();
    private Task<long> Org(string name) => db.Get<DealTracker.Data.Parties.PartyService>().CreateOrganizationAsync(name);

    [Fact]
    public async Task Search_finds_leads_by_title_deal_organization_and_person()
    {
        var tag = TestData.Unique("Zq").Replace(" ", "");
        var byTitle = await _data.LeadAsync(title: $"Title {tag}");
        var byDeal = await _data.LeadAsync(dealId: await _data.DealAsync($"Deal {tag}"));
        var byOrg = await _data.LeadAsync(organizationId: await Org($"Org {tag}"));
        var person = await _data.IndividualAsync("Pat", $"Person{tag}");
        var byPerson = await Leads.CreateLeadAsync(new NewLead(await _data.DealAsync(), "Someone", [], [new PartyLink(person, null)]));
        await _data.LeadAsync(title: "Unrelated");

        var found = await Queries.ListAsync(new LeadListQuery(Search: tag.ToUpperInvariant()));

        Assert.Equal(4, found.Total);
        Assert.Equal(new[] { byTitle, byDeal, byOrg, byPerson }.Order(), found.Items.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Search_takes_percent_and_underscore_literally()
    {
        var tag = TestData.Unique("Pct").Replace(" ", "");
        var literal = await _data.LeadAsync(title: $"{tag} 100%_off");
        await _data.LeadAsync(title: $"{tag} 100 percent off");

        var found = await Queries.ListAsync(new LeadListQuery(Search: "100%_"));

        Assert.Contains(found.Items, r => r.Id == literal);
        Assert.DoesNotContain(found.Items, r => r.Title.Contains("percent"));
    }

    [Fact]
    public async Task Stage_filter_sorting_and_paging_work_on_the_server()
    {
        var deal = await _data.DealAsync(TestData.Unique("Paging"));
        foreach (var letter in new[] { "C", "A", "B" })
            await _data.LeadAsync(dealId: deal, title: $"{letter} lead", stage: "Negotiation");
        await _data.LeadAsync(dealId: deal, title: "D lead", stage: "New");

        var first = await Queries.ListAsync(new LeadListQuery(Stage: "Negotiation", Sort: LeadSort.Title, Descending: false, PageSize: 2, DealId: deal));
        var second = await Queries.ListAsync(new LeadListQuery(Stage: "Negotiation", Sort: LeadSort.Title, Descending: false, Page: 1, PageSize: 2, DealId: deal));

        Assert.Equal(3, first.Total);
        Assert.Equal(["A lead", "B lead"], first.Items.Select(r => r.Title));
        Assert.Equal(["C lead"], second.Items.Select(r => r.Title));
        Assert.All(first.Items, r => Assert.Equal("Negotiation", r.Stage));
    }

    [Fact]
    public async Task Sorting_by_stage_follows_the_picklist_order()
    {
        var deal = await _data.DealAsync(TestData.Unique("StageSort"));
        await _data.LeadAsync(dealId: deal, stage: "Proposal");
        await _data.LeadAsync(dealId: deal, stage: "New");
        await _data.LeadAsync(dealId: deal, stage: "Qualified");

        var rows = await Queries.ListAsync(new LeadListQuery(Sort: LeadSort.Stage, Descending: false, DealId: deal));

        Assert.Equal(["New", "Qualified", "Proposal"], rows.Items.Select(r => r.Stage));
    }

    [Fact]
    public async Task The_party_column_shows_the_primary_organization_else_the_primary_individual()
    {
        var deal = await _data.DealAsync(TestData.Unique("Party"));
        var org = await Org(TestData.Unique("Primary Org"));
        var other = await Org(TestData.Unique("Other Org"));
        var person = await _data.IndividualAsync("Primo", "Person");
        var withOrg = await Leads.CreateLeadAsync(new NewLead(deal, "With org",
            [new PartyLink(other, null), new PartyLink(org, null, true)], [new PartyLink(person, null)]));
        var withPerson = await Leads.CreateLeadAsync(new NewLead(deal, "With person",
            [new PartyLink(other, null)], [new PartyLink(person, null, true)]));

        var rows = (await Queries.ListAsync(new LeadListQuery(DealId: deal))).Items;

        Assert.Equal(await NameOf(org), rows.Single(r => r.Id == withOrg).PrimaryParty);
        Assert.Equal("Primo Person", rows.Single(r => r.Id == withPerson).PrimaryParty);
    }

    [Fact]
    public async Task A_page_takes_two_queries_whatever_the_search_or_sort()
    {
        await _data.LeadAsync();
        foreach (var sort in Enum.GetValues<LeadSort>())
        {
            using var counter = new QueryCounter(db.ConnectionString);
            await Queries.ListAsync(new LeadListQuery(Search: "lead", Stage: "New", Sort: sort));
            Assert.Equal(2, counter.Count);
        }
    }

    private Task<string> NameOf(long org) => db.ScalarAsync<string>($"SELECT name FROM organizations WHERE id = {org}");
}
