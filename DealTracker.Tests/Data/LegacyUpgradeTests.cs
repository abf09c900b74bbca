using DealTracker.Data;
using DealTracker.Tests.Support;
using Npgsql;

namespace DealTracker.Tests.Data;

/// <summary>
/// A database built from the seed's DDL before its renames (<c>job</c>, <c>leadstatus</c>, no migrations history) is
/// adopted by the normal migration path: rows and ids kept, sequences advanced, links intact, the legacy tables gone
/// and the seed's corrections in force; rows that break a rule are reported and nothing is changed.
/// </summary>
public sealed class LegacyUpgradeTests : IAsyncLifetime
{
    private string _app = "";
    private string Owner => PostgresServer.AsOwner(_app);

    public async Task InitializeAsync()
    {
        _app = await PostgresServer.CreateEmptyDatabaseAsync("legacy");
        await OwnerAsync(LegacySeedDatabase.Schema);
        await OwnerAsync(LegacySeedDatabase.Rows);
        await OwnerAsync(LegacySeedDatabase.SeedPartyTrigger);
    }

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_app);

    private Task OwnerAsync(string sql) => new DatabaseProbe(Owner).ExecuteAsync(sql);

    private Task<T> AppScalarAsync<T>(string sql) => new DatabaseProbe(_app).ScalarAsync<T>(sql);

    [Fact]
    public async Task Legacy_rows_keep_their_ids_and_links_and_the_legacy_tables_are_gone()
    {
        await DatabaseMigrator.MigrateAsync(Owner, _app);

        Assert.Equal("3:Globex Renewal:1200.50:EUR|8:ACME Expansion:250000.00:USD", await AppScalarAsync<string>(
            "SELECT string_agg(id || ':' || name || ':' || value_amount || ':' || value_currency, '|' ORDER BY id) FROM deals"));
        Assert.Equal("10:8|11:3|12:3", await AppScalarAsync<string>(
            "SELECT string_agg(id || ':' || deal_id, '|' ORDER BY id) FROM leads"));
        Assert.Equal("10:5:Prospect|12:9:Customer", await AppScalarAsync<string>(
            "SELECT string_agg(lead_id || ':' || organization_id || ':' || relationship, '|' ORDER BY lead_id) FROM lead_organizations"));
        Assert.Equal("10:4|11:7", await AppScalarAsync<string>(
            "SELECT string_agg(lead_id || ':' || individual_id, '|' ORDER BY lead_id) FROM lead_individuals"));
        Assert.Equal("10:6:Decision Maker", await AppScalarAsync<string>(
            "SELECT string_agg(lead_id || ':' || contact_id || ':' || role_on_lead, '|') FROM lead_contacts"));
        Assert.Equal("6:4:5", await AppScalarAsync<string>(
            "SELECT string_agg(id || ':' || individual_id || ':' || organization_id, '|') FROM contacts"));

        Assert.Equal(0L, await AppScalarAsync<long>(
            "SELECT count(*) FROM pg_tables WHERE tablename IN ('job', 'leadstatus') OR schemaname = 'legacy_upgrade'"));
        Assert.Equal(0L, await AppScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = 'legacy_upgrade'"));
    }

    [Fact]
    public async Task The_seeds_corrections_apply_to_the_adopted_rows()
    {
        await DatabaseMigrator.MigrateAsync(Owner, _app);

        // 6. A lead without a status row gets the first stage; a stage only the legacy picklists knew is kept.
        Assert.Equal("10:Discovery|11:New|12:Legal Review", await AppScalarAsync<string>(
            "SELECT string_agg(lead_id || ':' || stage, '|' ORDER BY lead_id) FROM lead_status"));
        Assert.Equal(9, await AppScalarAsync<int>(
            "SELECT sort_order FROM picklists WHERE category = 'lead_status.stage' AND value = 'Legal Review'"));
        // Legacy owner ids name no user of the app.
        Assert.Equal(0L, await AppScalarAsync<long>(
            "SELECT (SELECT count(*) FROM deals WHERE owner_user_id IS NOT NULL) + (SELECT count(*) FROM leads WHERE owner_user_id IS NOT NULL)"));

        // 1. The corrected party trigger: a lead is insertable with its links, and never without one.
        var error = await Assert.ThrowsAsync<PostgresException>(() => new DatabaseProbe(_app).ExecuteAsync("""
            BEGIN;
            INSERT INTO leads (deal_id, title) VALUES (8, 'No party');
            INSERT INTO lead_status (lead_id, stage) VALUES (currval('leads_id_seq'), 'New');
            COMMIT;
            """));
        Assert.Contains("must have at least one individual or organization", error.MessageText);
        // 3. Organization names are unique ignoring case.
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() =>
            new DatabaseProbe(_app).ExecuteAsync("INSERT INTO organizations (name) VALUES ('acme corp')"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
    }

    [Fact]
    public async Task Sequences_continue_after_the_highest_kept_id()
    {
        await DatabaseMigrator.MigrateAsync(Owner, _app);

        Assert.Equal(9L, await AppScalarAsync<long>("INSERT INTO deals (name) VALUES ('After upgrade') RETURNING id"));
        Assert.Equal(10L, await AppScalarAsync<long>("INSERT INTO organizations (name) VALUES ('After upgrade') RETURNING id"));
        Assert.Equal(8L, await AppScalarAsync<long>(
            "INSERT INTO individuals (given_name, family_name) VALUES ('After', 'Upgrade') RETURNING id"));
        Assert.Equal(7L, await AppScalarAsync<long>("INSERT INTO contacts (individual_id) VALUES (4) RETURNING id"));
        Assert.Equal(13L, await new DatabaseProbe(_app).ScalarAsync<long>("""
            WITH lead AS (INSERT INTO leads (deal_id, title) VALUES (8, 'After upgrade') RETURNING id),
                 status AS (INSERT INTO lead_status (lead_id, stage) SELECT id, 'New' FROM lead),
                 party AS (INSERT INTO lead_individuals (lead_id, individual_id) SELECT id, 4 FROM lead)
            SELECT id FROM lead
            """));
    }

    [Fact]
    public async Task Rows_that_break_a_rule_are_reported_and_nothing_is_changed()
    {
        await OwnerAsync("""
            ALTER TABLE leads DISABLE TRIGGER USER;
            INSERT INTO leads (id, deal_id, title) VALUES (20, 8, 'Orphan lead');
            ALTER TABLE leads ENABLE TRIGGER USER;
            UPDATE job SET probability = 150 WHERE id = 3;
            INSERT INTO organizations (id, name) VALUES (30, 'acme corp');
            UPDATE leadstatus SET stage = 'Closed Won' WHERE lead_id = 10;
            UPDATE leadstatus SET reason = repeat('r', 201) WHERE lead_id = 12;
            """);

        var refusal = await Assert.ThrowsAsync<PostgresException>(() => DatabaseMigrator.MigrateAsync(Owner, _app));

        Assert.Equal("legacy_upgrade_refused", refusal.ConstraintName);
        Assert.Contains("5 row(s) break a rule. Nothing was changed", refusal.MessageText);
        Assert.Contains("leads #20 \"Orphan lead\": has no individual or organization", refusal.MessageText);
        Assert.Contains("job #3 \"Globex Renewal\": probability 150.00 is not between 0 and 100", refusal.MessageText);
        Assert.Contains("organizations #5, #30: the name \"ACME Corp\" is used 2 times ignoring case", refusal.MessageText);
        Assert.Contains("leadstatus of lead #12: reason has 201 characters; at most 200", refusal.MessageText);
        Assert.Contains("leadstatus of lead #10: stage \"Closed Won\" is not a stage; stages are: New, Qualified", refusal.MessageText);

        var owner = new DatabaseProbe(Owner); // the app role has no grants before the migrations ran
        Assert.Equal(4L, await owner.ScalarAsync<long>("SELECT count(*) FROM public.leads"));
        Assert.Equal(150m, await owner.ScalarAsync<decimal>("SELECT probability FROM public.job WHERE id = 3"));
        Assert.Equal(0L, await owner.ScalarAsync<long>(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'deals' OR schemaname = 'legacy_upgrade'"));
        Assert.Equal(0L, await owner.ScalarAsync<long>("SELECT count(*) FROM __ef_migrations_history"));
    }
}
