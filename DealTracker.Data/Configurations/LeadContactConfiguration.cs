using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class LeadContactConfiguration : IEntityTypeConfiguration<LeadContact>
{
    public void Configure(EntityTypeBuilder<LeadContact> b)
    {
        b.ToTable("lead_contacts");
        b.HasKey(x => new { x.LeadId, x.ContactId }).HasName("lead_contacts_pkey");
        b.HasOne(x => x.Lead).WithMany(l => l.Contacts).HasForeignKey(x => x.LeadId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_contacts_lead_id_fkey");
        b.HasOne(x => x.Contact).WithMany(c => c.Leads).HasForeignKey(x => x.ContactId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_contacts_contact_id_fkey");
        b.HasIndex(x => x.LeadId).HasDatabaseName("idx_lead_contacts_lead");
        // Correction 9: at most one primary contact per lead.
        b.HasIndex(x => x.LeadId).IsUnique().HasFilter("is_primary").HasDatabaseName("ux_lead_contacts_one_primary");
        b.Property(x => x.IsPrimary).HasDefaultValue(false);
        b.HasTimestamps(withUpdatedAt: false);
        b.HasXminVersion();
    }
}
