using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;
using DealTracker.Data.Parties;
using DealTracker.Data.Picklists;
using DealTracker.Data.Pipeline;
using DealTracker.Data.Entities;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

/// <summary>
/// U+0000, which PostgreSQL text cannot hold (22021), is refused with one sentence for the field it was typed in, in
/// every input, lookup and search, before any statement runs.
/// </summary>
public sealed class NulCharacterTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const string WithNul = "Acme\0 Corp";

    private static async Task RefusedAsync(string? field, Func<Task> action)
    {
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(action);
        Assert.Equal(Text.NulRefused, refusal.Message);
        Assert.Equal(field, refusal.Field);
    }

    [Fact]
    public async Task Inputs_refuse_it_next_to_their_field()
    {
        var data = new TestData(db.Services);
        var deal = await data.DealAsync();
        var org = await data.OrganizationAsync();
        await RefusedAsync("Title", () => db.Get<LeadService>().CreateLeadAsync(new NewLead(deal, WithNul,
            Organizations: [new PartyLink(org, "Prospect", IsPrimary: true)], Individuals: [])));
        await RefusedAsync("Name", () => db.Get<PartyService>().CreateOrganizationAsync(WithNul));
        await RefusedAsync("Value", () => db.Get<PicklistAdminService>().AddAsync(PicklistCategories.ContactRole, WithNul));
    }

    [Fact]
    public async Task Searches_and_lookups_refuse_it_instead_of_failing()
    {
        await RefusedAsync("Name", () => db.Get<PartyQueries>().FindOrganizationByNameAsync(WithNul));
        await RefusedAsync("Search", () => db.Get<PipelineService>().LoadBoardAsync(new PipelineFilter(Search: WithNul)));
        await RefusedAsync("Search", () => db.Get<PartyQueries>().SearchOrganizationsAsync(WithNul, 10));
    }
}
