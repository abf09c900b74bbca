using DealTracker.Data.Leads;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

public sealed class PipelineServiceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private PipelineService Pipeline => db.Get<PipelineService>();
    private LeadService Leads => db.Get<LeadService>();

    private static PipelineColumn Column(PipelineBoardData board, string stage) => board.Columns.Single(c => c.Stage == stage);

    [Fact]
    public async Task Columns_are_the_active_stages_in_their_order()
    {
        var board = await Pipeline.LoadBoardAsync(new PipelineFilter(Search: TestData.Unique("nothing matches")));

        Assert.Equal(["New", "Qualified", "Discovery", "Proposal", "Negotiation", "Won", "Lost", "On Hold"],
            board.Columns.Select(c => c.Stage));
        Assert.All(board.Columns, c => Assert.Equal(0, c.LeadCount));
        Assert.True(Column(board, "Won").IsClosed);
        Assert.True(Column(board, "Lost").NeedsReason);
    }

    [Fact]
    public async Task Column_totals_are_per_currency_and_count_a_deal_once_per_column()
    {
        var marker = TestData.Unique("Totals");
        var usd = await _data.DealAsync(marker + " usd", 1000m, "USD", 50m);
        var eur = await _data.DealAsync(marker + " eur", 300m, "EUR", 10m);
        var other = await _data.DealAsync(marker + " other", 200m, "USD", 100m);
        await _data.LeadAsync(usd, marker + " a", "Proposal");
        await _data.LeadAsync(usd, marker + " b", "Proposal");
        await _data.LeadAsync(usd, marker + " c", "Negotiation");
        await _data.LeadAsync(eur, marker + " d", "Proposal");
        await _data.LeadAsync(other, marker + " e", "Won");

        var board = await Pipeline.LoadBoardAsync(new PipelineFilter(Search: marker));

        var proposal = Column(board, "Proposal");
        Assert.Equal(3, proposal.LeadCount);
        Assert.Equal([new CurrencyAmount("USD", 1, 1000m, 500m), new CurrencyAmount("EUR", 1, 300m, 30m)], proposal.Totals);
        Assert.Equal([new CurrencyAmount("USD", 1, 1000m, 500m)], Column(board, "Negotiation").Totals);
        Assert.Equal([new CurrencyAmount("USD", 1, 200m, 200m)], Column(board, "Won").Totals);
        // The open total counts the USD deal once although it has leads in two open columns, and leaves Won out.
        Assert.Equal([new CurrencyAmount("USD", 1, 1000m, 500m), new CurrencyAmount("EUR", 1, 300m, 30m)], board.OpenTotals);
    }

    [Fact]
    public async Task Totals_cover_the_whole_column_not_only_the_loaded_cards()
    {
        var marker = TestData.Unique("Whole");
        for (var i = 0; i < PipelineService.PageSize + 5; i++)
            await _data.LeadAsync(await _data.DealAsync(value: 10m, probability: 50m), $"{marker} {i}", "Discovery");

        var column = Column(await Pipeline.LoadBoardAsync(new PipelineFilter(Search: marker)), "Discovery");

        Assert.Equal(PipelineService.PageSize, column.Cards.Count);
        Assert.Equal(PipelineService.PageSize + 5, column.LeadCount);
        Assert.Equal([new CurrencyAmount("USD", PipelineService.PageSize + 5, 300m, 150m)], column.Totals);
    }

    [Fact]
    public async Task Load_more_continues_a_column_without_repeating_or_skipping_cards()
    {
        var marker = TestData.Unique("Paging");
        var deal = await _data.DealAsync();
        var created = new List<long>();
        for (var i = 0; i < PipelineService.PageSize * 2 + 3; i++)
            created.Add(await _data.LeadAsync(deal, $"{marker} {i}", "Qualified"));
        var filter = new PipelineFilter(Search: marker);

        var first = Column(await Pipeline.LoadBoardAsync(filter), "Qualified").Cards;
        var second = await Pipeline.LoadMoreAsync(filter, "Qualified", PipelineCursor.After(first[^1]));
        var third = await Pipeline.LoadMoreAsync(filter, "Qualified", PipelineCursor.After(second[^1]));

        Assert.Equal(PipelineService.PageSize, second.Count);
        Assert.Equal(3, third.Count);
        var all = first.Concat(second).Concat(third).Select(c => c.LeadId).ToList();
        Assert.Equal(created.OrderByDescending(id => id), all); // same moment in stage: newest lead first
    }

    [Fact]
    public async Task A_refresh_keeps_as_many_cards_as_the_user_had_loaded()
    {
        var marker = TestData.Unique("Keep");
        var deal = await _data.DealAsync();
        for (var i = 0; i < PipelineService.PageSize + 10; i++)
            await _data.LeadAsync(deal, $"{marker} {i}", "Negotiation");

        var board = await Pipeline.LoadBoardAsync(new PipelineFilter(Search: marker),
            new Dictionary<string, int> { ["Negotiation"] = PipelineService.PageSize + 7 });

        Assert.Equal(PipelineService.PageSize + 7, Column(board, "Negotiation").Cards.Count);
    }

    [Fact]
    public async Task Filters_narrow_cards_and_totals_alike()
    {
        var marker = TestData.Unique("Filter");
        var org = await _data.OrganizationAsync(marker + " Org");
        var individual = await _data.IndividualAsync("Kim", marker + "Person");
        var early = await _data.DealAsync(marker + " early", 100m, "USD", 50m, new DateOnly(2026, 3, 1));
        var late = await _data.DealAsync(marker + " late", 700m, "USD", 50m, new DateOnly(2026, 9, 1));
        var byOrg = await _data.LeadAsync(early, marker + " by org", "New", organizationId: org);
        var plain = await _data.LeadAsync(late, marker + " plain", "New");
        var byPerson = await Leads.CreateLeadAsync(new NewLead(late, marker + " by person", [],
            [new PartyLink(individual, "Champion", IsPrimary: true)], Stage: "New"));

        async Task<List<long>> Ids(PipelineFilter f) =>
            Column(await Pipeline.LoadBoardAsync(f), "New").Cards.Select(c => c.LeadId).Order().ToList();

        Assert.Equal([byOrg], await Ids(new PipelineFilter(OrganizationId: org)));
        Assert.Equal([byPerson], await Ids(new PipelineFilter(IndividualId: individual)));
        Assert.Equal([plain, byPerson], await Ids(new PipelineFilter(DealId: late)));
        Assert.Equal([byOrg], await Ids(new PipelineFilter(Search: marker, CloseTo: new DateOnly(2026, 6, 30))));
        Assert.Equal([plain, byPerson], await Ids(new PipelineFilter(Search: marker, CloseFrom: new DateOnly(2026, 6, 30))));
        Assert.Equal([byPerson], await Ids(new PipelineFilter(Search: "kim " + marker + "person")));
        Assert.Equal([byOrg], await Ids(new PipelineFilter(Search: marker + " org")));

        var totals = Column(await Pipeline.LoadBoardAsync(new PipelineFilter(DealId: early)), "New");
        Assert.Equal((1, 100m), (totals.LeadCount, totals.Totals.Single().Value));
    }

    [Fact]
    public async Task Cards_show_the_deal_the_primary_party_and_the_status_version()
    {
        var marker = TestData.Unique("Card");
        var org = await _data.OrganizationAsync(marker + " Primary Org");
        var deal = await _data.DealAsync(marker + " deal", 5000m, "EUR", 40m, new DateOnly(2026, 12, 24));
        var lead = await _data.LeadAsync(deal, marker + " title", "Proposal", organizationId: org);

        var card = Column(await Pipeline.LoadBoardAsync(new PipelineFilter(Search: marker)), "Proposal").Cards.Single();

        Assert.Equal((lead, marker + " title", marker + " deal", 5000m, "EUR", 40m, new DateOnly(2026, 12, 24), marker + " Primary Org"),
            (card.LeadId, card.Title, card.DealName, card.Value, card.Currency, card.Probability, card.CloseDate, card.PartyName));
        Assert.Equal(await db.ScalarAsync<uint>($"SELECT xmin FROM lead_status WHERE lead_id = {lead}"), card.Version);
        await Leads.MoveLeadToStageAsync(lead, "Negotiation", null, card.Version); // the version is the one a move needs
    }

    [Fact]
    public async Task A_lead_without_a_status_shows_in_a_no_stage_column_and_leaves_it_with_its_first_move()
    {
        var marker = TestData.Unique("Stageless");
        var lead = await _data.LeadAsync(title: marker);
        // Written before every lead needed a status: the owner role switches the rule off for this one statement.
        await db.ExecuteAsOwnerAsync($"""
            BEGIN;
            ALTER TABLE lead_status DISABLE TRIGGER trg_enforce_lead_status_on_lead_status;
            DELETE FROM lead_status WHERE lead_id = {lead};
            ALTER TABLE lead_status ENABLE TRIGGER trg_enforce_lead_status_on_lead_status;
            COMMIT;
            """);

        var board = await Pipeline.LoadBoardAsync(new PipelineFilter(Search: marker));
        var stageless = Column(board, PipelineColumn.NoStage);
        Assert.Equal((1, false, false), (stageless.LeadCount, stageless.IsActive, stageless.IsKnown));
        var card = Assert.Single(stageless.Cards);
        Assert.Equal(lead, card.LeadId);

        await Leads.MoveLeadToStageAsync(lead, "Qualified", null, card.Version);
        board = await Pipeline.LoadBoardAsync(new PipelineFilter(Search: marker));
        Assert.DoesNotContain(board.Columns, c => c.Stage == PipelineColumn.NoStage);
        Assert.Equal(lead, Assert.Single(Column(board, "Qualified").Cards).LeadId);
    }

    [Fact]
    public async Task A_lead_in_an_inactive_or_unknown_stage_gets_a_column_of_its_own()
    {
        var marker = TestData.Unique("Hidden");
        var inactive = await _data.LeadAsync(title: marker + " parked", stage: "On Hold");
        var unknown = await _data.LeadAsync(title: marker + " legacy", stage: "New");
        await db.ExecuteSqlAsync("UPDATE picklists SET is_active = false WHERE category = 'lead_status.stage' AND value = 'On Hold'");
        // A row written before the foreign key existed holds a value that is not in the list.
        await db.ExecuteAsOwnerAsync($"""
            BEGIN;
            ALTER TABLE lead_status DROP CONSTRAINT lead_status_stage_picklist_fkey;
            UPDATE lead_status SET stage = 'Legacy stage' WHERE lead_id = {unknown};
            ALTER TABLE lead_status ADD CONSTRAINT lead_status_stage_picklist_fkey FOREIGN KEY (stage_category, stage)
              REFERENCES picklists (category, value) ON UPDATE CASCADE NOT VALID;
            COMMIT;
            """);
        try
        {
            var board = await Pipeline.LoadBoardAsync(new PipelineFilter(Search: marker));

            var onHold = Column(board, "On Hold");
            Assert.False(onHold.IsActive);
            Assert.Equal(inactive, onHold.Cards.Single().LeadId);
            var legacy = board.Columns[^1];
            Assert.Equal(("Legacy stage", false, false), (legacy.Stage, legacy.IsActive, legacy.IsKnown));
            Assert.Equal(unknown, legacy.Cards.Single().LeadId);
            Assert.DoesNotContain(board.Columns, c => c.Stage == "Legacy stage" && c != legacy);

            var elsewhere = await Pipeline.LoadBoardAsync(new PipelineFilter(Search: TestData.Unique("none")));
            Assert.DoesNotContain(elsewhere.Columns, c => c.Stage is "On Hold" or "Legacy stage");
        }
        finally
        {
            await db.ExecuteSqlAsync("UPDATE picklists SET is_active = true WHERE category = 'lead_status.stage' AND value = 'On Hold'");
        }
    }

    [Fact]
    public async Task A_bookmarked_filter_names_its_deal_organization_and_individual()
    {
        var marker = TestData.Unique("Lookup");
        var deal = await _data.DealAsync(marker + " deal");
        var org = await _data.OrganizationAsync(marker + " org");
        var person = await _data.IndividualAsync("Ada", marker + "_x");

        Assert.Equal(new PipelineFilterNames(marker + " deal", marker + " org", "Ada " + marker + "_x"),
            await Pipeline.GetFilterNamesAsync(new PipelineFilter(deal, org, person)));
    }

    [Fact]
    public async Task Board_search_takes_percent_and_underscore_literally_like_the_lists()
    {
        var tag = TestData.Unique("Pct").Replace(" ", "");
        var literal = await _data.LeadAsync(title: $"{tag} 100%_off", stage: "New");
        await _data.LeadAsync(title: $"{tag} 100 percent off", stage: "New");

        var board = await Pipeline.LoadBoardAsync(new PipelineFilter(Search: $"{tag} 100%_"));
        var listed = await db.Get<LeadQueries>().ListAsync(new LeadListQuery(Search: $"{tag} 100%_"));

        Assert.Equal([literal], board.Columns.SelectMany(c => c.Cards).Select(c => c.LeadId));
        Assert.Equal([literal], listed.Items.Select(r => r.Id));
    }
}
