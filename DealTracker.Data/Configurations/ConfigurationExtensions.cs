using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

// Names, types and defaults follow the seed DDL exactly (shared/seed/dealtracker-data-model.md), constraint
// names included, so SQL written against the seed keeps working. Corrections from DESIGN.md are marked.

internal static class ConfigurationExtensions
{
    public static void HasTimestamps<T>(this EntityTypeBuilder<T> b, bool withUpdatedAt = true) where T : class
    {
        b.Property<DateTime>("CreatedAt").HasDefaultValueSql("now()");
        if (withUpdatedAt)
            b.Property<DateTime>("UpdatedAt").HasDefaultValueSql("now()");
    }

    /// <summary>Optimistic concurrency on PostgreSQL's system column <c>xmin</c>: no extra column needed.</summary>
    public static void HasXminVersion<T>(this EntityTypeBuilder<T> b) where T : class =>
        b.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
}
