using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class LeadIndividualConfiguration : IEntityTypeConfiguration<LeadIndividual>
{
    public void Configure(EntityTypeBuilder<LeadIndividual> b)
    {
        b.ToTable("lead_individuals");
        b.HasKey(x => new { x.LeadId, x.IndividualId }).HasName("lead_individuals_pkey");
        b.HasOne(x => x.Lead).WithMany(l => l.Individuals).HasForeignKey(x => x.LeadId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_individuals_lead_id_fkey");
        b.HasOne(x => x.Individual).WithMany(i => i.Leads).HasForeignKey(x => x.IndividualId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_individuals_individual_id_fkey");
        b.HasIndex(x => x.LeadId).HasDatabaseName("idx_lead_inds_lead");
        b.HasIndex(x => x.LeadId).IsUnique().HasFilter("is_primary").HasDatabaseName("ux_lead_individuals_one_primary");
        b.Property(x => x.IsPrimary).HasDefaultValue(false);
        b.HasTimestamps(withUpdatedAt: false);
        b.HasXminVersion();
    }
}
