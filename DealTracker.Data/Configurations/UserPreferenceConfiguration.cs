using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class UserPreferenceConfiguration : IEntityTypeConfiguration<UserPreference>
{
    public void Configure(EntityTypeBuilder<UserPreference> b)
    {
        b.ToTable("user_preferences");
        b.HasKey(x => new { x.UserId, x.Name });
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Value).HasColumnType("jsonb");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
