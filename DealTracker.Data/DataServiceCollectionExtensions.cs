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
        options.UseNpgsql(WithoutJit(connectionString), npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// PostgreSQL compiles a statement it estimates as expensive (the board's totals from ~10,000 leads up) to machine
    /// code first, which costs more than running these short reads (benchmarks: 10k-lead board 58 ms with, about 40 ms
    /// without). Connection strings that set their own Options are left as they are.
    /// </summary>
    public static string WithoutJit(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.Options))
            builder.Options = "-c jit=off";
        return builder.ConnectionString;
    }

    /// <summary>
    /// Registers the DbContext factory, Identity's user store, the domain services and the live-change listener.
    /// Services that check ownership are scoped and need an <see cref="IActingUser"/>: the caller registers it (the
    /// web app from the signed-in user; tests and tools <see cref="ActingUser.System"/>), never a silent default.
    /// <paramref name="ownerConnectionString"/> connects as the schema owner, who alone may backdate history: the demo
    /// seeder writes its believable past through it (without it, through <paramref name="connectionString"/>).
    /// </summary>
    public static IServiceCollection AddDealTrackerData(this IServiceCollection services, string connectionString,
        string? timeZoneId = null, string? ownerConnectionString = null)
    {
        services.AddSingleton(Infrastructure.AppClock.For(timeZoneId));
        services.AddDbContextFactory<DealTrackerDbContext>(o => ConfigureDbContext(o, connectionString));
        services.AddSingleton<PicklistService>();
        services.AddDealTrackerIdentityCore();
        services.AddScoped<LeadService>();
        services.AddScoped<PicklistAdminService>();
        services.AddScoped<PartyService>();
        services.AddScoped<DashboardService>();
        services.AddSingleton(sp => new DemoDataSeeder(sp.GetRequiredService<IDbContextFactory<DealTrackerDbContext>>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<DemoDataSeeder>>(), ownerConnectionString));
        services.AddScoped<PipelineService>();
        services.AddScoped<LeadQueries>();
        services.AddScoped<LeadBulkService>();
        services.AddScoped<DealService>();
        services.AddScoped<PartyQueries>();
        services.AddScoped<Search.SearchQueries>();
        services.AddScoped<Export.LeadExportReader>();
        services.AddScoped<Export.DealExportReader>();
        services.AddSingleton<Export.PartyExportReader>();
        services.AddScoped<Export.ExportService>();
        services.AddSingleton<ChangeNotifier>();
        services.AddSingleton<SharedBoardReads>();
        services.AddScoped<OwnershipService>();
        services.AddScoped<UserAdminService>();
        services.AddScoped<Import.ImportService>();
        services.AddScoped<Preferences.UserPreferenceService>();
        services.AddScoped<History.TimelineService>();
        services.AddScoped<Notes.NoteService>();
        services.AddScoped<NextSteps.NextStepService>();
        services.AddHostedService(sp => new ChangeListener(connectionString, sp.GetRequiredService<ChangeNotifier>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ChangeListener>>()));
        services.AddHostedService(sp => new BoardTotalsCompaction(connectionString,
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<BoardTotalsCompaction>>()));
        return services;
    }
}
