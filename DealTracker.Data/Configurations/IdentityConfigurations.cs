using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using Microsoft.AspNetCore.Identity;
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

internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole<long>>
{
    public void Configure(EntityTypeBuilder<IdentityRole<long>> b)
    {
        b.ToTable("roles");
        b.HasIndex(x => x.NormalizedName).HasDatabaseName("ix_roles_normalized_name");
        // The roles are part of the schema: every database has them, whatever starts it first.
        b.HasData(Roles.All.Select((name, i) => new IdentityRole<long>
        {
            Id = i + 1, Name = name, NormalizedName = name.ToUpperInvariant(), ConcurrencyStamp = $"role-{name.ToLowerInvariant()}",
        }));
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<long>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<long>> b) => b.ToTable("user_roles");
}

internal sealed class UserClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<long>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<long>> b) => b.ToTable("user_claims");
}

internal sealed class UserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<long>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<long>> b) => b.ToTable("user_logins");
}

internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<long>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<long>> b) => b.ToTable("user_tokens");
}

internal sealed class RoleClaimConfiguration : IEntityTypeConfiguration<IdentityRoleClaim<long>>
{
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<long>> b)
    {
        b.ToTable("role_claims");
        b.HasOne<IdentityRole<long>>().WithMany().HasForeignKey(x => x.RoleId).HasConstraintName("fk_role_claims_roles_role_id");
    }
}

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
