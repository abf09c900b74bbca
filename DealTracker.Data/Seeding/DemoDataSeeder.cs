using DealTracker.Data.Deals;
using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Picklists;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DealTracker.Data.Seeding;

/// <summary>
/// Loads the seed's example flow (ACME Expansion) and a generated sample pipeline. Deterministic for a given day,
/// and idempotent: when the ACME Expansion deal is already there it adds nothing. When the demo users exist
/// (<see cref="SeedDemoUsersAsync"/>, Development only) the deals and leads are spread over the two sales users,
/// with some left unassigned. The demo data is written as the schema owner when <paramref name="ownerConnectionString"/>
/// is given, because only the owner may backdate its history.
/// </summary>
public sealed class DemoDataSeeder(IDbContextFactory<DealTrackerDbContext> factory, ILogger<DemoDataSeeder> logger,
    string? ownerConnectionString = null)
{
    public const string ExampleDealName = "ACME Expansion";

    /// <summary>A demo account: DEVELOPMENT ONLY, created only in the Development environment with demo data.</summary>
    public sealed record DemoAccount(string Email, string Password, string DisplayName, string Role);

    public static readonly IReadOnlyList<DemoAccount> DemoAccounts =
    [
        new("admin@dealtracker.local", "demo-admin-pass", "Alex Admin", Roles.Admin),
        new("manager@dealtracker.local", "demo-manager-pass", "Morgan Manager", Roles.Manager),
        new("sales1@dealtracker.local", "demo-sales1-pass", "Sam Seller", Roles.Sales),
        new("sales2@dealtracker.local", "demo-sales2-pass", "Riley Rep", Roles.Sales),
    ];

    /// <summary>Creates the missing demo accounts (one per role, two for Sales). Returns how many it created.</summary>
    public async Task<int> SeedDemoUsersAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4242002)", ct);
        var hasher = new PasswordHasher<AppUser>();
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var created = 0;
        foreach (var account in DemoAccounts)
        {
            var normalized = account.Email.ToUpperInvariant();
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct))
                continue;
            var user = new AppUser
            {
                UserName = account.Email, NormalizedUserName = normalized, Email = account.Email, NormalizedEmail = normalized,
                EmailConfirmed = true, DisplayName = account.DisplayName, LockoutEnabled = true,
                SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            user.PasswordHash = hasher.HashPassword(user, account.Password);
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            db.UserRoles.Add(new IdentityUserRole<long> { UserId = user.Id, RoleId = roleIds[account.Role] });
            await db.SaveChangesAsync(ct);
            created++;
        }
        await tx.CommitAsync(ct);
        if (created > 0)
            logger.LogWarning("Created {Count} demo users with DEVELOPMENT-ONLY passwords (see the README)", created);
        return created;
    }

    public async Task<bool> SeedAsync(int generatedDeals = 60, CancellationToken ct = default)
    {
        await using var db = await CreateOwnerContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two instances starting together must not both seed: the second waits here, then sees the data.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4242001)", ct);
        await db.ActAsAsync(ActingUser.System, ct);
        if (await db.Deals.AnyAsync(d => d.Name == ExampleDealName, ct))
            return false;

        var now = DateTime.UtcNow;
        AddSeedExample(db);
        new SamplePipeline(db, DateOnly.FromDateTime(now)).Add(generatedDeals);
        await SpreadOverSalesUsersAsync(db, ct);
        // The demo's past: everything was created about two months ago, in the first stage, then moved (DemoHistory).
        var targets = DemoHistory.StartInFirstStage(
            db.ChangeTracker.Entries<Lead>().Where(e => e.State == EntityState.Added).Select(e => e.Entity),
            await PicklistService.FirstActiveStageAsync(db, ct));
        var created = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddDays(-60);
        await db.Database.ExecuteSqlAsync(
            $"SELECT set_config('dealtracker.backdate_to', {created.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}, true)", ct);
        await db.SaveChangesAsync(ct);
        // Spread "days in stage" like a real pipeline instead of every lead having moved just now.
        await new DemoHistory(db).WriteAsync(targets, created, now, ct);

        await tx.CommitAsync(ct);
        logger.LogInformation("Loaded demo data: {Deals} deals", generatedDeals + 1);
        return true;
    }

    private async Task<DealTrackerDbContext> CreateOwnerContextAsync(CancellationToken ct)
    {
        if (ownerConnectionString is null)
            return await factory.CreateDbContextAsync(ct);
        var options = new DbContextOptionsBuilder<DealTrackerDbContext>();
        DataServiceCollectionExtensions.ConfigureDbContext(options, ownerConnectionString);
        return new DealTrackerDbContext(options.Options);
    }

    /// <summary>
    /// Deals go to the demo sales users in turn, every fifth stays unassigned; a deal's leads share its owner except
    /// every fourth, which waits unassigned for someone to take it. Nothing happens without demo users.
    /// </summary>
    private static async Task SpreadOverSalesUsersAsync(DealTrackerDbContext db, CancellationToken ct)
    {
        var salesEmails = DemoAccounts.Where(a => a.Role == Roles.Sales).Select(a => a.Email.ToUpperInvariant()).ToList();
        var sales = await db.Users.Where(u => salesEmails.Contains(u.NormalizedEmail!))
            .OrderBy(u => u.NormalizedEmail).Select(u => u.Id).ToListAsync(ct);
        if (sales.Count == 0)
            return;
        var deals = db.ChangeTracker.Entries<Deal>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        for (var d = 0; d < deals.Count; d++)
        {
            long? owner = d % 5 == 4 ? null : sales[d % sales.Count];
            deals[d].OwnerUserId = owner;
            for (var l = 0; l < deals[d].Leads.Count; l++)
                deals[d].Leads[l].OwnerUserId = l % 4 == 3 ? null : owner;
        }
    }

    /// <summary>The seed document's example: ACME Expansion, ACME Corp, Avery Nguyen as Champion and Decision Maker.</summary>
    private static void AddSeedExample(DealTrackerDbContext db)
    {
        var deal = new Deal { Name = ExampleDealName, ValueAmount = 250000m, ValueCurrency = Currencies.Default, Probability = 35m };
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
