using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class LeadStatusConfiguration : IEntityTypeConfiguration<LeadStatus>
{
    public void Configure(EntityTypeBuilder<LeadStatus> b)
    {
        b.ToTable("lead_status", t => t.HasCheckConstraint("lead_status_reason_length_check",
            $"char_length(reason) <= {Infrastructure.Limits.Reason}"));
        b.HasKey(x => x.LeadId).HasName("lead_status_pkey");
        b.Property(x => x.LeadId).ValueGeneratedNever();
        b.HasOne(x => x.Lead).WithOne(l => l.Status).HasForeignKey<LeadStatus>(x => x.LeadId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_status_lead_id_fkey");
        b.HasIndex(x => x.Stage).HasDatabaseName("idx_lead_status_stage");
        // The pipeline board's column order (newest arrival in the stage first), so a column's first page is read
        // from the index.
        b.HasIndex(x => new { x.Stage, x.StageEnteredAt, x.LeadId }).IsDescending(false, true, true)
            .HasDatabaseName("idx_lead_status_stage_entered_at_lead_id");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
        // Kept by the trigger trg_lead_status_stage_entered_at: EF never writes it and reads it back after a save.
        b.Property(x => x.StageEnteredAt).HasDefaultValueSql("now()").ValueGeneratedOnAddOrUpdate();
        b.HasXminVersion();
    }
}
