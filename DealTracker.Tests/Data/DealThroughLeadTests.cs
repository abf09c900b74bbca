using DealTracker.Data.Deals;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>
/// Through a lead they may see, a Sales user sees its deal's name, value and close date, read-only, and can keep working
/// on the lead; the deal itself (its page, its other leads) stays someone else's.
/// </summary>
public sealed class DealThroughLeadTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_sales_user_sees_the_deal_of_their_lead_read_only_and_nothing_more_of_it()
    {
        var sam = await db.Services.CreateUserAsync(Roles.Sales);
        var riley = await db.Services.CreateUserAsync(Roles.Sales);
        var data = new TestData(db.Services);
        var rileysDeal = await data.DealAsync(name: TestData.Unique("Riley's deal"), value: 42_000m, currency: "EUR",
            closeDate: new DateOnly(2027, 3, 7), ownerUserId: riley);
        var samsLead = await data.LeadAsync(rileysDeal, ownerUserId: sam);
        var rileysLead = await data.LeadAsync(rileysDeal, ownerUserId: riley);
        var asSam = db.As(ActingUser.Sales(sam));

        var lead = (await asSam.GetRequiredService<LeadService>().GetLeadForEditAsync(samsLead))!;
        Assert.Equal(new LeadDealSummary((await db.ScalarAsync<string>($"SELECT name FROM deals WHERE id = {rileysDeal}")),
            42_000m, "EUR", new DateOnly(2027, 3, 7), MayOpen: false), lead.Deal);

        // Sam keeps working on the lead: its deal stays, though Sam may not open it.
        var saved = await asSam.GetRequiredService<LeadService>().UpdateLeadAsync(lead, ChangesFrom(lead) with { Title = "Renamed by Sam" });
        Assert.Equal("Renamed by Sam", saved.Title);
        Assert.Equal(rileysDeal, saved.DealId);

        // Never the deal's page, nor its other leads.
        await Assert.ThrowsAsync<RecordNotFoundException>(() => asSam.GetRequiredService<DealService>().GetDealAsync(rileysDeal));
        var listed = await asSam.GetRequiredService<LeadQueries>().ListAsync(new LeadListQuery(DealId: rileysDeal));
        var row = Assert.Single(listed.Items);
        Assert.Equal(samsLead, row.Id);
        Assert.False(row.MayOpenDeal);
        Assert.DoesNotContain(listed.Items, r => r.Id == rileysLead);

        var asRiley = (await db.As(ActingUser.Sales(riley)).GetRequiredService<LeadService>().GetLeadForEditAsync(rileysLead))!;
        Assert.True(asRiley.Deal!.MayOpen);
    }

    private static LeadChanges ChangesFrom(LeadForEdit lead) => new(lead.DealId, lead.Title, lead.Description, lead.Source,
        lead.Stage, lead.Reason,
        lead.Organizations.Select(o => new PartyLink(o.PartyId, o.Relationship, o.IsPrimary)).ToList(),
        lead.Individuals.Select(i => new PartyLink(i.PartyId, i.Relationship, i.IsPrimary)).ToList(),
        lead.Contacts.Select(c => new ContactLink(c.ContactId, c.RoleOnLead, c.IsPrimary)).ToList(),
        lead.OwnerUserId);
}
