using DealTracker.Data;
using DealTracker.Data.Seeding;
using DealTracker.Web.Identity;

namespace DealTracker.Web;

/// <summary>
/// Brings the database up to date (unless a deployment migrates separately), loads demo data on request (with
/// demo users in Development only) and creates the first admin from the Bootstrap settings.
/// </summary>
public static class StartupTasks
{
    public static async Task RunAsync(WebApplication app)
    {
        var config = app.Configuration;
        if (config.GetValue("Database:MigrateOnStartup", true))
        {
            // The owner role migrates; without its connection string the app's user must be allowed to (a superuser
            // in a development setup).
            var appConnection = config.GetConnectionString("DealTracker")!;
            var ownerConnection = config.GetConnectionString("DealTrackerOwner") is { Length: > 0 } owner ? owner : appConnection;
            await DatabaseMigrator.MigrateAsync(ownerConnection, appConnection);
        }
        if (config.GetValue("Seed:Demo", false))
        {
            var seeder = app.Services.GetRequiredService<DemoDataSeeder>();
            // Demo accounts have published passwords: never outside Development.
            if (app.Environment.IsDevelopment())
                await seeder.SeedDemoUsersAsync();
            await seeder.SeedAsync();
        }
        await IdentityBootstrap.RunAsync(app);
    }
}
