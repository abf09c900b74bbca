using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("contacts");
        b.HasKey(x => x.Id).HasName("contacts_pkey");
        b.HasOne(x => x.Individual).WithMany(i => i.Contacts).HasForeignKey(x => x.IndividualId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("contacts_individual_id_fkey");
        b.HasOne(x => x.Organization).WithMany(o => o.Contacts).HasForeignKey(x => x.OrganizationId)
            .OnDelete(DeleteBehavior.SetNull).HasConstraintName("contacts_organization_id_fkey");
        b.HasIndex(x => x.IndividualId).HasDatabaseName("idx_contacts_individual");
        b.HasIndex(x => x.OrganizationId).HasDatabaseName("idx_contacts_org");
        b.Property(x => x.IsPrimary).HasDefaultValue(false);
        b.HasTimestamps();
        b.HasXminVersion();
    }
}
