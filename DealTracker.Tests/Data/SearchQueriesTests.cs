using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Parties;
using DealTracker.Data.Search;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealTracker.Tests.Data;

public sealed class SearchQueriesTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private static string Tag() => TestData.Unique("Srch").Replace(" ", "").Replace("-", "");

    private static Task<SearchResults> FindAsync(IServiceProvider services, string term, int perKind = 5) =>
        services.GetRequiredService<SearchQueries>().FindAsync(term, perKind);

    [Fact]
    public async Task Finds_leads_deals_organizations_individuals_and_contacts_grouped_by_kind()
    {
        var tag = Tag();
        var org = await _data.OrganizationAsync($"Org {tag}");
        var person = await _data.IndividualAsync("Pat", $"Person{tag}");
        var contact = await _data.ContactAsync(person, org, "Buyer");
        var deal = await _data.DealAsync($"Deal {tag}");
        var lead = await _data.LeadAsync(await _data.DealAsync(), title: $"Title {tag}");

        var found = await FindAsync(db.Services, tag.ToLowerInvariant());

        Assert.Equal([SearchKind.Lead, SearchKind.Deal, SearchKind.Organization, SearchKind.Individual, SearchKind.Contact],
            found.Groups.Select(g => g.Kind));
        // The lead list's rule: a lead is found by its title, its deal's name and the names of its parties.
        Assert.Contains(found.Groups[0].Hits, h => h.Id == lead);
        Assert.Equal([deal], found.Groups[1].Hits.Select(h => h.Id));
        Assert.Equal([org], found.Groups[2].Hits.Select(h => h.Id));
        Assert.Equal([person], found.Groups[3].Hits.Select(h => h.Id));
        var contactHit = Assert.Single(found.Groups[4].Hits);
        Assert.Equal(contact, contactHit.Id);
        Assert.Equal($"Buyer, Org {tag}", contactHit.Detail);
    }

    [Fact]
    public async Task Each_kind_shows_its_first_few_with_the_total_that_match()
    {
        var tag = Tag();
        foreach (var letter in new[] { "G", "B", "E", "A", "F", "C", "D" })
            await _data.OrganizationAsync($"{letter} {tag}");

        var found = await FindAsync(db.Services, tag, perKind: 5);

        var group = Assert.Single(found.Groups);
        Assert.Equal(7, group.Total);
        Assert.Equal(["A", "B", "C", "D", "E"], group.Hits.Select(h => h.Title[..1]));
    }

    [Fact]
    public async Task A_sales_user_finds_only_their_own_and_unassigned_leads_and_deals()
    {
        var tag = Tag();
        var me = ActingUser.Sales(await db.Services.CreateUserAsync(Roles.Sales));
        var other = await db.Services.CreateUserAsync(Roles.Sales);
        var myDeal = await _data.DealAsync($"Mine {tag}", ownerUserId: me.UserId);
        var openDeal = await _data.DealAsync($"Open {tag}");
        await _data.DealAsync($"Theirs {tag}", ownerUserId: other);
        var myLead = await _data.LeadAsync(myDeal, title: $"Mine {tag}", ownerUserId: me.UserId);
        await _data.LeadAsync(myDeal, title: $"Theirs {tag}", ownerUserId: other);

        var found = await FindAsync(db.As(me), tag);

        var leads = found.Groups.Single(g => g.Kind == SearchKind.Lead);
        Assert.Equal([myLead], leads.Hits.Select(h => h.Id));
        Assert.Equal(1, leads.Total);
        var deals = found.Groups.Single(g => g.Kind == SearchKind.Deal);
        Assert.Equal(new[] { myDeal, openDeal }.Order(), deals.Hits.Select(h => h.Id).Order());
        Assert.Equal(2, deals.Total);
    }

    [Fact]
    public async Task Every_kind_and_its_total_come_in_one_statement_whatever_the_actor_and_whether_anything_matches()
    {
        var tag = Tag();
        var sales = ActingUser.Sales(await db.Services.CreateUserAsync(Roles.Sales));
        var org = await _data.OrganizationAsync($"Org {tag}");
        var deal = await _data.DealAsync($"Deal {tag}");
        foreach (var title in new[] { "C", "A", "B" })
            await _data.LeadAsync(deal, title: $"{title} {tag}", organizationId: org);
        await _data.ContactAsync(await _data.IndividualAsync("Pat", $"Person{tag}"), org);
        var counter = new StatementCounter();
        var factory = counter.Factory(db.ConnectionString);

        async Task<(SearchResults Found, int Statements)> SearchAsync(IActingUser actor, string term)
        {
            counter.Reset();
            var found = await new SearchQueries(factory, actor).FindAsync(term, perKind: 2);
            return (found, counter.Count);
        }

        var asManager = await SearchAsync(ActingUser.System, tag);
        var asSales = await SearchAsync(sales, tag);
        var nothing = await SearchAsync(ActingUser.System, $"nothing {tag}");

        Assert.Equal(1, asManager.Statements);
        Assert.Equal(1, asSales.Statements);
        Assert.Equal(1, nothing.Statements);
        Assert.True(nothing.Found.IsEmpty);
        Assert.Equal([SearchKind.Lead, SearchKind.Deal, SearchKind.Organization, SearchKind.Individual, SearchKind.Contact],
            asManager.Found.Groups.Select(g => g.Kind));
        var leads = asManager.Found.Groups[0];
        Assert.Equal(3, leads.Total);
        Assert.Equal([$"A {tag}", $"B {tag}"], leads.Hits.Select(h => h.Title));
        // The leads and the deal are unassigned: a Sales user sees them, with the same totals.
        Assert.Equal(asManager.Found.Groups.Select(g => (g.Kind, g.Total)), asSales.Found.Groups.Select(g => (g.Kind, g.Total)));
    }

    [Fact]
    public async Task Each_hit_carries_the_line_that_tells_it_apart()
    {
        var tag = Tag();
        var org = await db.Services.GetRequiredService<PartyService>().CreateOrganizationAsync($"Org {tag}", "https://example.com/org");
        var person = await _data.IndividualAsync("Pat", $"Person{tag}", email: "pat@example.com");
        var withTitleAndOrg = await _data.ContactAsync(person, org, "Buyer");
        var withTitleOnly = await _data.ContactAsync(person, null, "Advisor");
        var withOrgOnly = await _data.ContactAsync(person, org, null);
        var oneLead = await _data.DealAsync($"Onelead {tag}");
        var twoLeads = await _data.DealAsync($"Twoleads {tag}");
        var lead = await _data.LeadAsync(oneLead, title: $"Lead {tag}", organizationId: org);
        await _data.LeadAsync(twoLeads, organizationId: org);
        await _data.LeadAsync(twoLeads, organizationId: org);
        var stage = await db.ScalarAsync<string>("SELECT stage FROM lead_status WHERE lead_id = $1", lead);

        var found = await FindAsync(db.Services, tag, perKind: 10);

        SearchHit Hit(SearchKind kind, long id) => found.Groups.Single(g => g.Kind == kind).Hits.Single(h => h.Id == id);
        Assert.Equal($"Onelead {tag} · {stage}", Hit(SearchKind.Lead, lead).Detail);
        Assert.Equal("1 lead", Hit(SearchKind.Deal, oneLead).Detail);
        Assert.Equal("2 leads", Hit(SearchKind.Deal, twoLeads).Detail);
        Assert.Equal("https://example.com/org", Hit(SearchKind.Organization, org).Detail);
        Assert.Equal($"Pat Person{tag}", Hit(SearchKind.Individual, person).Title);
        Assert.Equal("pat@example.com", Hit(SearchKind.Individual, person).Detail);
        Assert.Equal($"Buyer, Org {tag}", Hit(SearchKind.Contact, withTitleAndOrg).Detail);
        Assert.Equal("Advisor", Hit(SearchKind.Contact, withTitleOnly).Detail);
        Assert.Equal($"Org {tag}", Hit(SearchKind.Contact, withOrgOnly).Detail);
        Assert.Equal($"Pat Person{tag}", Hit(SearchKind.Contact, withOrgOnly).Title);
    }

    [Fact]
    public async Task Terms_shorter_than_three_characters_search_nothing()
    {
        await _data.OrganizationAsync("Xy Corp");

        Assert.True((await FindAsync(db.Services, " Xy ")).IsEmpty);
        Assert.False(SearchQueries.IsLongEnough("Xy"));
    }

    [Fact]
    public async Task Percent_and_underscore_are_taken_literally()
    {
        var tag = Tag();
        var literal = await _data.OrganizationAsync($"{tag} 100%_off");
        await _data.OrganizationAsync($"{tag} 100 percent off");

        var found = await FindAsync(db.Services, "100%_");

        Assert.Equal([literal], found.Groups.Single().Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task A_lead_is_found_by_the_names_its_deal_organization_individual_and_contact_have_now()
    {
        var tag = Tag();
        var org = await _data.OrganizationAsync($"Orgold{tag}");
        var person = await _data.IndividualAsync("Pat", $"Personold{tag}");
        var buyer = await _data.IndividualAsync("Kim", $"Buyerold{tag}");
        var contact = await _data.ContactAsync(buyer, org);
        var deal = await _data.DealAsync($"Dealold{tag}");
        var lead = await db.Services.GetRequiredService<LeadService>().CreateLeadAsync(new NewLead(deal, $"Lead {tag}",
            [new PartyLink(org, "Prospect", IsPrimary: true)], [new PartyLink(person, null)], [new ContactLink(contact, null)]));
        foreach (var name in new[] { "Orgold", "Personold", "Buyerold", "Dealold" })
            Assert.Equal([lead], await LeadsFoundAsync(name + tag));

        // Renamed by plain SQL: the database keeps the search text whoever writes.
        await ExecuteAsync($"""
            UPDATE organizations SET name = 'Orgnew{tag}' WHERE id = {org};
            UPDATE individuals SET family_name = 'Personnew{tag}' WHERE id = {person};
            UPDATE individuals SET family_name = 'Buyernew{tag}' WHERE id = {buyer};
            UPDATE deals SET name = 'Dealnew{tag}' WHERE id = {deal};
            """);

        foreach (var name in new[] { "Orgnew", "Personnew", "Buyernew", "Dealnew" })
            Assert.Equal([lead], await LeadsFoundAsync(name + tag));
        foreach (var name in new[] { "Orgold", "Personold", "Buyerold", "Dealold" })
            Assert.Empty(await LeadsFoundAsync(name + tag));
        Assert.Equal(1, (await db.Services.GetRequiredService<LeadQueries>().ListAsync(new LeadListQuery(Search: "orgnew" + tag))).Total);
    }

    [Fact]
    public async Task A_lead_is_no_longer_found_by_a_party_taken_off_it_nor_by_another_lead_s_title()
    {
        var tag = Tag();
        var kept = await _data.OrganizationAsync($"Keptorg{tag}");
        var removed = await _data.OrganizationAsync($"Gone{tag}");
        var lead = await db.Services.GetRequiredService<LeadService>().CreateLeadAsync(new NewLead(await _data.DealAsync(),
            $"Lead {tag}", [new PartyLink(kept, "Prospect", IsPrimary: true), new PartyLink(removed, "Partner")], []));
        Assert.Equal([lead], await LeadsFoundAsync("Gone" + tag));

        await ExecuteAsync($"DELETE FROM lead_organizations WHERE lead_id = {lead} AND organization_id = {removed}");

        Assert.Empty(await LeadsFoundAsync("Gone" + tag));
        Assert.Equal([lead], await LeadsFoundAsync("Keptorg" + tag));
        // The search text keeps each name on its own line: the end of one name and the start of the next match nothing.
        Assert.Empty(await LeadsFoundAsync($"{tag} Deal"));
    }

    private async Task<IReadOnlyList<long>> LeadsFoundAsync(string term) =>
        (await FindAsync(db.Services, term)).Groups.SingleOrDefault(g => g.Kind == SearchKind.Lead)?.Hits.Select(h => h.Id).ToList() ?? [];

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData("lead_search", "l.document", "idx_lead_search_document_trgm")]
    [InlineData("leads", "l.title", "idx_leads_title_trgm")]
    [InlineData("deals", "l.name", "idx_deals_name_trgm")]
    [InlineData("organizations", "l.name", "idx_organizations_name_trgm")]
    [InlineData("individuals", "l.given_name || ' ' || l.family_name", "idx_individuals_full_name_trgm")]
    public async Task Contains_searches_can_read_the_trigram_index(string table, string expression, string index)
    {
        // The same shape as EF Core's ILIKE ... ESCAPE; with sequential scans off the planner takes the index if it can.
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
            await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand($"EXPLAIN SELECT 1 FROM {table} AS l WHERE {expression} ILIKE $1 ESCAPE '\\'", connection);
        explain.Parameters.Add(new NpgsqlParameter { Value = "%north%" });
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                plan.Add(reader.GetString(0));

        Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
    }
}
