using DealTracker.Data.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

// Identity's tables get plain snake_case names instead of AspNetUsers & co.

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.ToTable("users");
        b.Property(x => x.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        b.Property(x => x.IsActive).HasDefaultValue(true);
        b.HasIndex(x => x.NormalizedUserName).HasDatabaseName("ix_users_normalized_user_name");
        b.HasIndex(x => x.NormalizedEmail).HasDatabaseName("ix_users_normalized_email");
    }
}
