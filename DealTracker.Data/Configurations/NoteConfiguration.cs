using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

/// <summary><c>notes</c>: on exactly one lead or deal, deleted with it; the author may leave (the note stays, authorless).</summary>
internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> b)
    {
        b.ToTable("notes", t =>
        {
            t.HasCheckConstraint("notes_one_record_check", "num_nonnulls(lead_id, deal_id) = 1");
            t.HasCheckConstraint("notes_body_check", $"char_length(btrim(body)) BETWEEN 1 AND {Note.BodyMaxLength}");
        });
        b.HasKey(x => x.Id).HasName("notes_pkey");
        b.HasOne<Lead>().WithMany().HasForeignKey(x => x.LeadId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("notes_lead_id_fkey");
        b.HasOne<Deal>().WithMany().HasForeignKey(x => x.DealId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("notes_deal_id_fkey");
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(x => x.AuthorUserId).OnDelete(DeleteBehavior.SetNull)
            .HasConstraintName("notes_author_user_id_fkey");
        b.HasIndex(x => x.LeadId).HasDatabaseName("idx_notes_lead_id");
        b.HasIndex(x => x.DealId).HasDatabaseName("idx_notes_deal_id");
        b.HasIndex(x => x.AuthorUserId).HasDatabaseName("idx_notes_author_user_id");
        b.HasTimestamps();
        b.HasXminVersion();
    }
}
