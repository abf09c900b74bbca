using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

internal sealed class IndividualConfiguration : IEntityTypeConfiguration<Individual>
{
    public void Configure(EntityTypeBuilder<Individual> b)
    {
        b.ToTable("individuals");
        b.HasKey(x => x.Id).HasName("individuals_pkey");
        b.HasTimestamps();
        b.HasXminVersion();
    }
}
