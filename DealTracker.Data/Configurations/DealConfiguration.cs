using DealTracker.Data.Deals;
using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> b)
    {
        b.ToTable("deals", t =>
        {
            t.HasCheckConstraint("deals_value_amount_check", "value_amount >= 0");
            t.HasCheckConstraint("deals_probability_check", "probability BETWEEN 0 AND 100");
            t.HasCheckConstraint("deals_value_currency_check", "value_currency ~ '^[A-Z]{3}$'");
        });
        b.HasKey(x => x.Id).HasName("deals_pkey");
        b.Property(x => x.ValueAmount).HasColumnType("numeric(18,2)");
        b.Property(x => x.ValueCurrency).HasDefaultValue(Currencies.Default);
        b.Property(x => x.Probability).HasColumnType("numeric(5,2)");
        // Issue 6: the owner is a real user; deleting a user leaves their deals unassigned.
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(x => x.OwnerUserId)
            .OnDelete(DeleteBehavior.SetNull).HasConstraintName("deals_owner_user_id_fkey");
        b.HasIndex(x => x.OwnerUserId).HasDatabaseName("idx_deals_owner_user_id");
        b.HasTimestamps();
        b.HasXminVersion();
    }
}
