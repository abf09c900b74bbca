using DealTracker.Data.Dashboard;
using DealTracker.Data.Deals;
using DealTracker.Data.Leads;
using DealTracker.Data.Live;
using DealTracker.Data.Parties;
using DealTracker.Data.Picklists;
using DealTracker.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Data;

public static class DataServiceCollectionExtensions
{
    public static void ConfigureDbContext(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>Registers the DbContext factory, the domain services and the live-change listener.</summary>
    public static IServiceCollection AddDealTrackerData(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<DealTrackerDbContext>(o => ConfigureDbContext(o, connectionString));
        services.AddSingleton<PicklistService>();
        services.AddSingleton<LeadService>();
        services.AddSingleton<PartyService>();
        services.AddSingleton<DashboardService>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<LeadQueries>();
        services.AddSingleton<DealService>();
        services.AddSingleton<PartyQueries>();
        services.AddSingleton<ChangeNotifier>();
        services.AddHostedService(sp => new ChangeListener(connectionString, sp.GetRequiredService<ChangeNotifier>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ChangeListener>>()));
        return services;
    }
}
