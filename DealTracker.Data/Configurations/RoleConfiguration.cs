using DealTracker.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

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
