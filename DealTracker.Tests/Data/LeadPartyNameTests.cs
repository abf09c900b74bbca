using DealTracker.Data.Leads;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

/// <summary>The /leads list and the board name a lead by the same party (one rule: <see cref="LeadParty"/>).</summary>
public sealed class LeadPartyNameTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private LeadService Leads => db.Get<LeadService>();

    private async Task<(string? List, string? Board)> NamesAsync(long deal, long lead)
    {
        var list = await db.Get<LeadQueries>().ListAsync(new LeadListQuery(DealId: deal));
        var board = await db.Get<PipelineService>().LoadBoardAsync(new PipelineFilter(DealId: deal));
        return (list.Items.Single(r => r.Id == lead).PrimaryParty,
            board.Columns.SelectMany(c => c.Cards).Single(c => c.LeadId == lead).PartyName);
    }

    [Fact]
    public async Task Without_a_primary_the_list_and_the_board_both_name_the_party_linked_first()
    {
        var deal = await _data.DealAsync();
        var zeta = await _data.OrganizationAsync(TestData.Unique("Zeta"));
        var alpha = await _data.OrganizationAsync(TestData.Unique("Alpha"));
        var lead = await Leads.CreateLeadAsync(new NewLead(deal, "No primary", [new PartyLink(zeta, null)], [], Stage: "New"));
        await Leads.LinkOrganizationAsync(lead, new PartyLink(alpha, null));

        var (list, board) = await NamesAsync(deal, lead);

        Assert.StartsWith("Zeta", list);
        Assert.Equal(list, board);
    }

    [Fact]
    public async Task A_primary_organization_names_the_lead_before_a_primary_individual_on_both_screens()
    {
        var deal = await _data.DealAsync();
        var person = await _data.IndividualAsync("Aaron", TestData.Unique("Aardvark"));
        var org = await _data.OrganizationAsync(TestData.Unique("Zulu"));
        var lead = await Leads.CreateLeadAsync(new NewLead(deal, "Both primary",
            [new PartyLink(org, null, IsPrimary: true)], [new PartyLink(person, null, IsPrimary: true)], Stage: "New"));

        var (list, board) = await NamesAsync(deal, lead);

        Assert.StartsWith("Zulu", list);
        Assert.Equal(list, board);
    }
}
