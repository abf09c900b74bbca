using DealTracker.Tests.Support;
using Npgsql;

namespace DealTracker.Tests.Data;

/// <summary>
/// The role the app (and every test service) connects as reads and writes rows and can do nothing else: the rules
/// the triggers and constraints enforce cannot be switched off from the app's connection.
/// </summary>
public sealed class AppRoleLimitsTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [InlineData("SET session_replication_role = replica")]
    [InlineData("ALTER TABLE leads DISABLE TRIGGER ALL")]
    [InlineData("ALTER TABLE lead_status DISABLE TRIGGER trg_enforce_lead_status_on_lead_status")]
    [InlineData("ALTER TABLE lead_status DROP CONSTRAINT lead_status_stage_picklist_fkey")]
    [InlineData("ALTER TABLE deals ADD COLUMN sneaky text")]
    [InlineData("CREATE TABLE sneaky (id int)")]
    [InlineData("DROP TABLE lead_status")]
    [InlineData("CREATE ROLE sneaky LOGIN SUPERUSER")]
    [InlineData("ALTER ROLE dealtracker_app SUPERUSER")]
    [InlineData("SELECT grant_app_role('dealtracker_app')")]
    public async Task The_app_role_cannot_switch_rules_off_change_the_schema_or_create_roles(string sql)
    {
        var refusal = await Assert.ThrowsAsync<PostgresException>(() => db.ExecuteSqlAsync(sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refusal.SqlState);
    }

    [Fact]
    public async Task The_app_role_is_an_ordinary_login_that_reads_writes_and_listens()
    {
        Assert.Equal(PostgresServer.AppRole, await db.ScalarAsync<string>("SELECT current_user::text"));
        Assert.False(await db.ScalarAsync<bool>("SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls FROM pg_roles WHERE rolname = current_user"));
        Assert.Equal(1, await db.ExecuteSqlAsync("INSERT INTO deals (name) VALUES ('Written by the app role')"));
        Assert.Equal(1, await db.ExecuteSqlAsync("DELETE FROM deals WHERE name = 'Written by the app role'"));
        await db.ExecuteSqlAsync("LISTEN dealtracker_changes");
        Assert.Equal(PostgresServer.OwnerRole, await db.ScalarAsync<string>("SELECT tableowner::text FROM pg_tables WHERE tablename = 'leads'"));
    }
}
