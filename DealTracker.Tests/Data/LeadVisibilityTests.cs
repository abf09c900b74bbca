using DealTracker.Data.Dashboard;
using DealTracker.Data.Deals;
using DealTracker.Data.Export;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.Ownership;
using DealTracker.Data.Parties;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>
/// Every screen that reads leads applies one visibility rule (<see cref="DealTracker.Data.Ownership.Visibility"/>):
/// on the same data, a Sales user sees the same leads through every read path, their own and the unassigned ones.
/// </summary>
public sealed class LeadVisibilityTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);

    [Fact]
    public async Task A_sales_user_sees_the_same_leads_through_every_read_path()
    {
        var me = await db.Services.CreateUserAsync(Roles.Sales, TestData.Unique("Sam Seller"));
        var colleague = await db.Services.CreateUserAsync(Roles.Sales, TestData.Unique("Cody Colleague"));
        var deal = await _data.DealAsync(TestData.Unique("Shared deal"), 1000m, "USD", 50m);
        var org = await _data.OrganizationAsync(TestData.Unique("Shared org"));
        var person = await _data.IndividualAsync("Pat", TestData.Unique("Shared"));
        var contact = await _data.ContactAsync(person, org);
        var leads = db.Get<LeadService>();
        async Task<long> LeadOwnedBy(long? owner) => await leads.CreateLeadAsync(new NewLead(deal, TestData.Unique("Lead"),
            [new PartyLink(org, null, IsPrimary: true)], [new PartyLink(person, null)], Stage: "Proposal",
            Contacts: [new ContactLink(contact, null)], OwnerUserId: owner));
        var mine = await LeadOwnedBy(me);
        var unassigned = await LeadOwnedBy(null);
        await LeadOwnedBy(colleague);
        long[] expected = [mine, unassigned];
        var sales = db.As(ActingUser.Sales(me));
        T Service<T>() where T : notnull => sales.GetRequiredService<T>();

        var list = await Service<LeadQueries>().ListAsync(new LeadListQuery(DealId: deal));
        var board = await Service<PipelineService>().LoadBoardAsync(new PipelineFilter(DealId: deal));
        var organization = await Service<PartyQueries>().GetOrganizationAsync(org);
        var individual = await Service<PartyQueries>().GetIndividualAsync(person);
        var contactPage = await Service<PartyQueries>().GetContactAsync(contact);
        var dealPage = await Service<DealService>().GetDealAsync(deal);
        var organizations = await Service<PartyQueries>().ListOrganizationsAsync(null, 0, 100);
        var individuals = await Service<PartyQueries>().ListIndividualsAsync(null, 0, 100);
        var overview = await Service<DashboardService>().GetFiguresAsync();
        var export = Service<ExportService>();
        var listExport = await ExportedCsv.WriteAsync(output => export.WriteLeadsAsync(new LeadListQuery(DealId: deal), output));
        var boardExport = await ExportedCsv.WriteAsync(output => export.WritePipelineAsync(new PipelineFilter(DealId: deal), output));
        var dealsExport = await ExportedCsv.WriteAsync(output => export.WriteDealsAsync(null, OwnerFilter.Anyone, null, output));

        Assert.Equal(expected, list.Items.Select(r => r.Id).Order());
        Assert.Equal(expected, board.Columns.SelectMany(c => c.Cards).Select(c => c.LeadId).Order());
        Assert.Equal(expected.Length, board.LeadCount);
        Assert.Equal(expected, organization!.Leads.Select(l => l.LeadId).Order());
        // The individual's page lists a lead once per way the person is on it (directly, and as a contact).
        Assert.Equal(expected, individual!.Leads.Select(l => l.LeadId).Distinct().Order());
        Assert.Equal(expected, contactPage!.Leads.Select(l => l.LeadId).Order());
        Assert.Equal(expected, dealPage!.Leads.Select(l => l.Id).Order());
        Assert.Equal(expected.Length, organizations.Items.Single(o => o.Id == org).Leads);
        Assert.Equal(expected.Length, individuals.Items.Single(i => i.Id == person).Leads);
        Assert.Equal(expected.Length, overview.Leads);
        Assert.Equal(expected, listExport.Column("Id").Select(long.Parse).Order());
        Assert.Equal(expected, boardExport.Column("Id").Select(long.Parse).Order());
        Assert.Equal(string.Join("; ", expected), dealsExport.Rows.Single(r => r["Id"] == deal.ToString())["Lead ids"]);
    }
}
