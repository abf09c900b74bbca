using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DealTracker.Data;

/// <summary>Lets <c>dotnet ef</c> build the model without a database: migrations add and script need none.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DealTrackerDbContext>
{
    public DealTrackerDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__DealTracker")
            ?? "Host=localhost;Database=dealtracker;Username=postgres";
        var options = new DbContextOptionsBuilder<DealTrackerDbContext>();
        DataServiceCollectionExtensions.ConfigureDbContext(options, connectionString);
        return new DealTrackerDbContext(options.Options);
    }
}
