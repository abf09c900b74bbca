using DealTracker.Data;
using DealTracker.Data.Infrastructure;
using DealTracker.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DealTracker.Tests.Data;

/// <summary>The LostReasonLength migration on a database that already holds reasons over the limit.</summary>
public sealed class LostReasonMigrationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);

    /// <summary>Migrations run as the owner role; the app role the services use cannot change the schema.</summary>
    private DealTrackerDbContext AsOwner()
    {
        var options = new DbContextOptionsBuilder<DealTrackerDbContext>();
        DataServiceCollectionExtensions.ConfigureDbContext(options, PostgresServer.AsOwner(db.ConnectionString));
        return new DealTrackerDbContext(options.Options);
    }

    [Fact]
    public async Task Reasons_already_over_the_limit_are_kept_whole_in_the_description_and_shortened_to_fit()
    {
        await using (var context = AsOwner())
            await context.GetService<IMigrator>().MigrateAsync("20261201163257_LeadPartyName");
        // Written in SQL: the entity model is the newest schema's, which has columns this older one lacks.
        var lead = await db.ScalarAsync<long>("""
            WITH d AS (INSERT INTO deals (name) VALUES ('Fair deal') RETURNING id),
                 o AS (INSERT INTO organizations (name) VALUES ('Fair Ltd') RETURNING id),
                 l AS (INSERT INTO leads (deal_id, title) SELECT id, 'Fair lead' FROM d RETURNING id),
                 lo AS (INSERT INTO lead_organizations (lead_id, organization_id) SELECT l.id, o.id FROM l, o),
                 s AS (INSERT INTO lead_status (lead_id, stage, reason) SELECT id, 'Lost', 'Price' FROM l)
            SELECT id FROM l
            """);
        var longReason = string.Concat(Enumerable.Repeat("They chose a cheaper offer. ", 20));
        await db.ExecuteSqlAsync($"UPDATE lead_status SET reason = $1 WHERE lead_id = {lead}", longReason);
        await db.ExecuteSqlAsync($"UPDATE leads SET description = 'Met at the fair.' WHERE id = {lead}");

        await using (var context = AsOwner())
            await context.Database.MigrateAsync();

        var reason = await db.ScalarAsync<string>($"SELECT reason FROM lead_status WHERE lead_id = {lead}");
        var description = await db.ScalarAsync<string>($"SELECT description FROM leads WHERE id = {lead}");
        Assert.Equal(Limits.Reason, reason.Length);
        Assert.Equal(longReason[..(Limits.Reason - 1)] + "…", reason);
        Assert.Equal($"Met at the fair.\n\nReason for Lost (full text): {longReason}", description);
        Assert.True(await db.ScalarAsync<bool>(
            "SELECT convalidated FROM pg_constraint WHERE conname = 'lead_status_reason_length_check'"));
    }
}
