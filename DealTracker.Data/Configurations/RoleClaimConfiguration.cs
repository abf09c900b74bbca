using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class RoleClaimConfiguration : IEntityTypeConfiguration<IdentityRoleClaim<long>>
{
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<long>> b)
    {
        b.ToTable("role_claims");
        b.HasOne<IdentityRole<long>>().WithMany().HasForeignKey(x => x.RoleId).HasConstraintName("fk_role_claims_roles_role_id");
    }
}
