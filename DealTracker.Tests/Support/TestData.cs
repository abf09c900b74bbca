using DealTracker.Data;
using DealTracker.Data.Entities;
using DealTracker.Data.Leads;
using DealTracker.Data.Parties;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Support;

/// <summary>Small builders for arranging tests: every name is unique, so tests sharing a database never collide.</summary>
public sealed class TestData(IServiceProvider services)
{
    private static int _counter;

    public static string Unique(string prefix) => $"{prefix} {Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";

    private IDbContextFactory<DealTrackerDbContext> Factory => services.GetRequiredService<IDbContextFactory<DealTrackerDbContext>>();
    private LeadService Leads => services.GetRequiredService<LeadService>();
    private PartyService Parties => services.GetRequiredService<PartyService>();

    public async Task<long> DealAsync(string? name = null, decimal? value = 1000m, string currency = "USD",
        decimal? probability = 50m, DateOnly? closeDate = null, long? ownerUserId = null)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var deal = new Deal
        {
            Name = name ?? Unique("Deal"), ValueAmount = value, ValueCurrency = currency, Probability = probability,
            CloseDate = closeDate, OwnerUserId = ownerUserId,
        };
        db.Deals.Add(deal);
        await db.SaveChangesAsync();
        return deal.Id;
    }

    public Task<long> OrganizationAsync(string? name = null) => Parties.CreateOrganizationAsync(name ?? Unique("Org"));

    public Task<long> IndividualAsync(string given = "Robin", string? family = null, string? email = null) =>
        Parties.CreateIndividualAsync(given, family ?? Unique("Tester"), email);

    public Task<long> ContactAsync(long individualId, long? organizationId = null, string? title = "Buyer") =>
        Parties.CreateContactAsync(individualId, organizationId, title);

    /// <summary>A lead on a new (or given) deal with one new organization as its primary party.</summary>
    public async Task<long> LeadAsync(long? dealId = null, string? title = null, string? stage = null, string? reason = null,
        long? organizationId = null, long? ownerUserId = null)
    {
        var deal = dealId ?? await DealAsync();
        var org = organizationId ?? await OrganizationAsync();
        return await Leads.CreateLeadAsync(new NewLead(deal, title ?? Unique("Lead"),
            Organizations: [new PartyLink(org, "Prospect", IsPrimary: true)], Individuals: [],
            Stage: stage, Reason: reason, OwnerUserId: ownerUserId));
    }
}
