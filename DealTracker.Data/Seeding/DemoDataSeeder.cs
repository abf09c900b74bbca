using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DealTracker.Data.Seeding;

/// <summary>
/// Loads the seed's example flow (ACME Expansion) and a generated sample pipeline. Deterministic for a given day,
/// and idempotent: when the ACME Expansion deal is already there it adds nothing.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<DealTrackerDbContext> factory, ILogger<DemoDataSeeder> logger)
{
    public const string ExampleDealName = "ACME Expansion";

    public async Task<bool> SeedAsync(int generatedDeals = 60, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two instances starting together must not both seed: the second waits here, then sees the data.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4242001)", ct);
        if (await db.Deals.AnyAsync(d => d.Name == ExampleDealName, ct))
            return false;

        AddSeedExample(db);
        new SamplePipeline(db, DateOnly.FromDateTime(DateTime.UtcNow)).Add(generatedDeals);
        await db.SaveChangesAsync(ct);

        // Spread "days in stage" like a real pipeline instead of every lead having moved just now.
        await db.Database.ExecuteSqlRawAsync(
            "UPDATE lead_status SET updated_at = now() - ((lead_id * 7919) % 40) * interval '1 day' - ((lead_id * 31) % 24) * interval '1 hour'", ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Loaded demo data: {Deals} deals", generatedDeals + 1);
        return true;
    }

    /// <summary>The seed document's example: ACME Expansion, ACME Corp, Avery Nguyen as Champion and Decision Maker.</summary>
    private static void AddSeedExample(DealTrackerDbContext db)
    {
        var deal = new Deal { Name = ExampleDealName, ValueAmount = 250000m, ValueCurrency = "USD", Probability = 35m };
        var org = new Organization { Name = "ACME Corp", Website = "https://acme.example" };
        var person = new Individual { GivenName = "Avery", FamilyName = "Nguyen", Email = "avery.nguyen@acme.example" };
        var contact = new Contact
        {
            Individual = person, Organization = org, Title = "Director of Ops", Department = "Operations", IsPrimary = true,
        };
        db.Leads.Add(new Lead
        {
            Deal = deal,
            Title = "ACME Expansion FY25",
            Source = "Referral",
            Status = new LeadStatus { Stage = "Discovery" },
            Organizations = [new LeadOrganization { Organization = org, Relationship = "Prospect", IsPrimary = true }],
            Individuals = [new LeadIndividual { Individual = person, Relationship = "Champion", IsPrimary = true }],
            Contacts = [new LeadContact { Contact = contact, RoleOnLead = "Decision Maker", IsPrimary = true }],
        });
    }
}
