using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class LeadOrganizationConfiguration : IEntityTypeConfiguration<LeadOrganization>
{
    public void Configure(EntityTypeBuilder<LeadOrganization> b)
    {
        b.ToTable("lead_organizations");
        b.HasKey(x => new { x.LeadId, x.OrganizationId }).HasName("lead_organizations_pkey");
        b.HasOne(x => x.Lead).WithMany(l => l.Organizations).HasForeignKey(x => x.LeadId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_organizations_lead_id_fkey");
        b.HasOne(x => x.Organization).WithMany(o => o.Leads).HasForeignKey(x => x.OrganizationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_organizations_organization_id_fkey");
        b.HasIndex(x => x.LeadId).HasDatabaseName("idx_lead_orgs_lead");
        b.HasIndex(x => x.LeadId).IsUnique().HasFilter("is_primary").HasDatabaseName("ux_lead_organizations_one_primary");
        b.Property(x => x.IsPrimary).HasDefaultValue(false);
        b.HasTimestamps(withUpdatedAt: false);
        b.HasXminVersion();
    }
}
