using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data;

/// <summary>
/// The CRM tables, ASP.NET Core Identity's users and roles (long keys, snake_case tables named <c>users</c>,
/// <c>roles</c>, <c>user_roles</c>...) and the data-protection keys, so sign-in cookies survive restarts and work
/// across several app instances.
/// </summary>
public class DealTrackerDbContext(DbContextOptions<DealTrackerDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<long>, long>(options), IDataProtectionKeyContext
{
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<LeadStatus> LeadStatuses => Set<LeadStatus>();
    public DbSet<LeadSearchDocument> LeadSearchDocuments => Set<LeadSearchDocument>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Individual> Individuals => Set<Individual>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<LeadContact> LeadContacts => Set<LeadContact>();
    public DbSet<LeadOrganization> LeadOrganizations => Set<LeadOrganization>();
    public DbSet<LeadIndividual> LeadIndividuals => Set<LeadIndividual>();
    public DbSet<PicklistValue> Picklists => Set<PicklistValue>();
    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();
    public DbSet<HistoryEvent> HistoryEvents => Set<HistoryEvent>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // The seed uses BIGSERIAL keys; keep them so SQL written against the seed behaves the same.
        modelBuilder.UseSerialColumns();
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DealTrackerDbContext).Assembly);
        modelBuilder.HasDbFunction(typeof(LeadParty).GetMethod(nameof(LeadParty.NameOf))!)
            .HasName(LeadParty.SqlFunction);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampTimes();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampTimes();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The seed has no trigger for <c>updated_at</c>: every change made through EF stamps it here.</summary>
    private void StampTimes()
    {
        var now = DateTime.UtcNow;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
                continue;
            if (entry.Metadata.FindProperty("UpdatedAt") is not null)
                entry.Property("UpdatedAt").CurrentValue = now;
            if (entry.State == EntityState.Added && entry.Metadata.FindProperty("CreatedAt") is not null)
                entry.Property("CreatedAt").CurrentValue = now;
        }
    }
}
