using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.HasKey(x => x.Id).HasName("leads_pkey");
        b.HasOne(x => x.Deal).WithMany(d => d.Leads).HasForeignKey(x => x.DealId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("leads_deal_id_fkey");
        b.HasIndex(x => x.DealId).HasDatabaseName("idx_leads_deal_id");
        // Issue 6: the owner is a real user; deleting a user leaves their leads unassigned.
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(x => x.OwnerUserId)
            .OnDelete(DeleteBehavior.SetNull).HasConstraintName("leads_owner_user_id_fkey");
        b.HasIndex(x => x.OwnerUserId).HasDatabaseName("idx_leads_owner_user_id");
        b.ToTable("leads", t =>
        {
            // A next step has a text and a due date, or neither; a time needs a date.
            t.HasCheckConstraint("leads_next_step_due_check", "(next_step IS NULL) = (next_step_due_on IS NULL)");
            t.HasCheckConstraint("leads_next_step_time_check", "next_step_due_time IS NULL OR next_step_due_on IS NOT NULL");
            t.HasCheckConstraint("leads_next_step_length_check", "char_length(next_step) <= 500");
        });
        // The overview's "my next steps due today or overdue" reads from here.
        b.HasIndex(x => new { x.OwnerUserId, x.NextStepDueOn }).HasFilter("next_step IS NOT NULL")
            .HasDatabaseName("idx_leads_owner_next_step_due_on");
        b.HasTimestamps();
        b.HasXminVersion();
    }
}
