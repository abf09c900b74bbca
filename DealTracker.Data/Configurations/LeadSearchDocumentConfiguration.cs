using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class LeadSearchDocumentConfiguration : IEntityTypeConfiguration<LeadSearchDocument>
{
    public void Configure(EntityTypeBuilder<LeadSearchDocument> b)
    {
        b.ToTable("lead_search");
        b.HasKey(x => x.Id).HasName("lead_search_pkey");
        b.Property(x => x.Id).HasColumnName("lead_id").ValueGeneratedNever();
        b.HasOne<Lead>().WithOne().HasForeignKey<LeadSearchDocument>(x => x.Id)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_search_lead_id_fkey");
        // One trigram index serves every "contains" search of leads (LIKE '%term%' on the lower-cased text).
        b.HasIndex(x => x.Document).HasMethod("gin").HasOperators("gin_trgm_ops")
            .HasDatabaseName("idx_lead_search_document_trgm");
    }
}
