using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

/// <summary>
/// <c>history_events</c>: no foreign keys (events outlive records and users); two indexes serve the timelines newest
/// first, one per record and one per deal. Triggers, grants and the append-only guard are in HistorySql.
/// </summary>
internal sealed class HistoryEventConfiguration : IEntityTypeConfiguration<HistoryEvent>
{
    public void Configure(EntityTypeBuilder<HistoryEvent> b)
    {
        b.ToTable("history_events");
        b.HasKey(x => x.Id).HasName("history_events_pkey");
        b.Property(x => x.OccurredAt).HasDefaultValueSql("now()");
        b.HasIndex(x => new { x.RecordType, x.RecordId, x.OccurredAt, x.Id }).IsDescending(false, false, true, true)
            .HasDatabaseName("idx_history_events_record");
        b.HasIndex(x => new { x.DealId, x.OccurredAt, x.Id }).IsDescending(false, true, true)
            .HasFilter("deal_id IS NOT NULL").HasDatabaseName("idx_history_events_deal");
    }
}
