using DealTracker.Data;
using DealTracker.Data.Seeding;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Web;

/// <summary>Brings the database up to date (unless a deployment migrates separately) and loads demo data on request.</summary>
public static class StartupTasks
{
    public static async Task RunAsync(WebApplication app)
    {
        var config = app.Configuration;
        if (config.GetValue("Database:MigrateOnStartup", true))
        {
            var factory = app.Services.GetRequiredService<IDbContextFactory<DealTrackerDbContext>>();
            await using var db = await factory.CreateDbContextAsync();
            await db.Database.MigrateAsync();
        }
        if (config.GetValue("Seed:Demo", false))
            await app.Services.GetRequiredService<DemoDataSeeder>().SeedAsync();
    }
}
