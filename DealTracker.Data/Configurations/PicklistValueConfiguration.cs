using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class PicklistValueConfiguration : IEntityTypeConfiguration<PicklistValue>
{
    public void Configure(EntityTypeBuilder<PicklistValue> b)
    {
        b.ToTable("picklists");
        b.HasKey(x => x.Id).HasName("picklists_pkey");
        b.HasIndex(x => new { x.Category, x.Value }).IsUnique().HasDatabaseName("picklists_category_value_key");
        // Unique regardless of case (category, lower(value)) is an expression index made by the migration.
        b.Property(x => x.SortOrder).HasDefaultValue(0);
        b.Property(x => x.IsActive).HasDefaultValue(true).HasSentinel(true);
        b.Property(x => x.NeedsReason).HasDefaultValue(false);
        b.Property(x => x.IsClosed).HasDefaultValue(false);
        b.HasXminVersion();
    }
}
