using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.ToTable("leads");
        b.HasKey(x => x.Id).HasName("leads_pkey");
        b.HasOne(x => x.Deal).WithMany(d => d.Leads).HasForeignKey(x => x.DealId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("leads_deal_id_fkey");
        b.HasIndex(x => x.DealId).HasDatabaseName("idx_leads_deal_id");
        // Issue 6: the owner is a real user; deleting a user leaves their leads unassigned.
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(x => x.OwnerUserId)
            .OnDelete(DeleteBehavior.SetNull).HasConstraintName("leads_owner_user_id_fkey");
        b.HasIndex(x => x.OwnerUserId).HasDatabaseName("idx_leads_owner_user_id");
        b.HasTimestamps();
        b.HasXminVersion();
    }
}
