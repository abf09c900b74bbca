using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("organizations");
        b.HasKey(x => x.Id).HasName("organizations_pkey");
        // The seed's UNIQUE (LOWER(name)) is created by the migration as a unique expression index,
        // organizations_lower_name_key: EF has no expression indexes.
        b.HasTimestamps();
        b.HasXminVersion();
    }
}
