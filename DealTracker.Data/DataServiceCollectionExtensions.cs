using DealTracker.Data.Dashboard;
using DealTracker.Data.Deals;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.Live;
using DealTracker.Data.Ownership;
using DealTracker.Data.Parties;
using DealTracker.Data.Picklists;
using DealTracker.Data.Pipeline;
using DealTracker.Data.Seeding;
using DealTracker.Data.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Data;

public static class DataServiceCollectionExtensions
{
    public static void ConfigureDbContext(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Registers the DbContext factory, Identity's user store, the domain services and the live-change listener.
    /// Services that check ownership are scoped and need an <see cref="IActingUser"/>: the caller registers it (the
    /// web app from the signed-in user; tests and tools <see cref="ActingUser.System"/>), never a silent default.
    /// </summary>
    public static IServiceCollection AddDealTrackerData(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<DealTrackerDbContext>(o => ConfigureDbContext(o, connectionString));
        services.AddSingleton<PicklistService>();
        services.AddDealTrackerIdentityCore();
        services.AddScoped<LeadService>();
        services.AddScoped<PicklistAdminService>();
        services.AddSingleton<PartyService>();
        services.AddScoped<DashboardService>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddScoped<PipelineService>();
        services.AddScoped<LeadQueries>();
        services.AddScoped<DealService>();
        services.AddScoped<PartyQueries>();
        services.AddSingleton<ChangeNotifier>();
        services.AddScoped<OwnershipService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<Preferences.UserPreferenceService>();
        services.AddHostedService(sp => new ChangeListener(connectionString, sp.GetRequiredService<ChangeNotifier>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ChangeListener>>()));
        return services;
    }
}
