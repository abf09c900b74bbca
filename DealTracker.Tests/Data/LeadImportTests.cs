using System.Text;
using System.Text.Json;
using DealTracker.Data.Identity;
using DealTracker.Data.Import;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Live;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealTracker.Tests.Data;

/// <summary>
/// Importing leads: the row's deal, parties, stage, owner and next step checked before anything is written, matched
/// leads changed only when chosen, all of it or nothing, and one change notice per table at the end.
/// </summary>
public sealed class LeadImportTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private ImportService Import => db.Get<ImportService>();

    private Task<ImportPreview> PreviewAsync(string csv, bool updateMatched = false)
    {
        var file = ImportFiles.Read(csv);
        return Import.PreviewAsync(ImportKind.Leads, file, ImportFiles.Mapping(ImportKind.Leads, file), updateMatched);
    }

    private async Task<ImportSummary> ImportAsync(string csv, bool updateMatched = false, bool skip = false)
    {
        var file = ImportFiles.Read(csv);
        Assert.Equal("", string.Join("\n", (await PreviewAsync(csv)).Problems));
        return await Import.ImportAsync(ImportKind.Leads, file, ImportFiles.Mapping(ImportKind.Leads, file), updateMatched, skip);
    }

    private Task<long> CountAsync(string table, string column, string prefix) =>
        db.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE {column} LIKE $1 || '%'", prefix);

    [Fact]
    public async Task Imported_leads_have_the_history_a_saved_lead_has_recorded_as_the_importing_manager()
    {
        var p = TestData.Unique("Told");
        var name = TestData.Unique("Imogen Importer");
        var managerId = await db.Services.CreateUserAsync(Roles.Manager, name);
        var csv = "Title,Deal,Stage,Reason,Organizations,Individuals,Next step,Next step due date\r\n" +
                  $"{p} one,{p} Deal,Lost,Price,\"{p} Acme (Customer, primary)\",{p}Ada Lovelace (Sponsor),Call,2027-01-15\r\n" +
                  $"{p} two,{p} Deal,,,{p} Acme,,,\r\n";
        var file = ImportFiles.Read(csv);
        await db.As(ActingUser.Manager(managerId)).GetRequiredService<ImportService>()
            .ImportAsync(ImportKind.Leads, file, ImportFiles.Mapping(ImportKind.Leads, file), updateMatched: false, skipRowsWithProblems: false);

        // Written in one statement per table, read back per lead exactly as one lead saved on its own writes them.
        string HistoryOf(string title) => $"""
            SELECT string_agg(concat_ws(' | ', h.kind, h.action, COALESCE(h.field, '-'), COALESCE(h.old_value, '-'),
                                        COALESCE(h.new_value, '-'), COALESCE(h.detail, '-')), E'\n' ORDER BY h.id)
            FROM history_events h JOIN leads l ON h.record_type = 'lead' AND h.record_id = l.id
            WHERE l.title = '{title}' AND h.actor_user_id = {managerId} AND h.actor_name = '{name}' AND h.deal_id = l.deal_id
            """;
        Assert.Equal(string.Join("\n",
            $"change | created | - | - | {p} one | -",
            "next_step | created | next_step | - | Call — due 2027-01-15 | -",
            "change | created | stage | - | Lost | Price",
            $"change | linked | organization | - | {p} Acme | Customer, primary",
            $"change | linked | individual | - | {p}Ada Lovelace | Sponsor"), await db.ScalarAsync<string>(HistoryOf($"{p} one")));
        Assert.Equal(string.Join("\n",
            $"change | created | - | - | {p} two | -",
            "change | created | stage | - | New | -",
            $"change | linked | organization | - | {p} Acme | -"), await db.ScalarAsync<string>(HistoryOf($"{p} two")));
        Assert.Equal(3L, await db.ScalarAsync<long>(
            $"SELECT count(*) FROM history_events WHERE action = 'created' AND record_type <> 'lead' AND actor_user_id = {managerId}"));
    }

    [Fact]
    public async Task A_lead_row_creates_its_deal_organizations_and_individuals_with_stage_links_and_next_step()
    {
        var p = TestData.Unique("Make");
        var summary = await ImportAsync(
            "Title,Deal,Value,Currency,Close date,Stage,Reason,Organizations,Individuals,Next step,Next step due date,Next step due time\r\n" +
            $"{p} one,{p} Deal,\"1.234,50\",eur,31.12.2027,Lost,Price,\"{p} Acme (Customer, primary)\",{p}Ada Lovelace (Sponsor),Call,2027-01-15,9:30\r\n" +
            $"{p} two,{p.ToUpperInvariant()} DEAL,,,,,,{p} ACME,,,,\r\n");

        Assert.Equal((2, 0, 0, 0), (summary.Created, summary.Matched, summary.Updated, summary.Skipped));
        Assert.Equal("1234.50 EUR 2027-12-31", await db.ScalarAsync<string>(
            "SELECT value_amount || ' ' || value_currency || ' ' || close_date FROM deals WHERE name = $1", $"{p} Deal"));
        Assert.Equal(1L, await CountAsync("deals", "name", p)); // the second row's deal is the first's, ignoring case
        Assert.Equal(1L, await CountAsync("organizations", "name", p));
        Assert.Equal("Lost/Price/Customer/primary/Sponsor/Call/2027-01-15 09:30:00", await db.ScalarAsync<string>("""
            SELECT s.stage || '/' || s.reason || '/' || o.relationship || '/' || CASE WHEN o.is_primary THEN 'primary' END || '/'
                   || i.relationship || '/' || l.next_step || '/' || l.next_step_due_on || ' ' || l.next_step_due_time
            FROM leads l JOIN lead_status s ON s.lead_id = l.id
            JOIN lead_organizations o ON o.lead_id = l.id JOIN lead_individuals i ON i.lead_id = l.id
            WHERE l.title = $1
            """, $"{p} one"));
        Assert.Equal("New", await db.ScalarAsync<string>(
            "SELECT s.stage FROM leads l JOIN lead_status s ON s.lead_id = l.id WHERE l.title = $1", $"{p} two"));
    }

    [Fact]
    public async Task Bad_values_are_problems_of_their_row_and_column_and_no_picklist_value_is_created()
    {
        var owner = await db.ScalarAsync<long>("SELECT count(*) FROM picklists");
        var p = TestData.Unique("Bad");
        var preview = await PreviewAsync(
            "Title,Deal,Currency,Value,Stage,Owner,Organizations,Next step due date\r\n" +
            $"{p} 1,{p} D,XXX,5,Won,,{p} O,\r\n" +
            $"{p} 2,{p} E,,,Closed Won,,{p} O,\r\n" +
            $"{p} 3,{p} F,,,,nobody@example.com,{p} O (Friend),\r\n" +
            $"{p} 4,{p} G,,,,,{p} O,2027-02-30\r\n" +
            $",{p} H,,,Lost,,,\r\n");

        Assert.Equal(
        [
            "row 2, Currency: Choose an ISO 4217 currency such as USD or EUR.",
            "row 3, Stage: \"Closed Won\" is not a stage; stages are: New, Qualified, Discovery, Proposal, Negotiation, Won, Lost, On Hold",
            "row 4, Owner: no user has the email \"nobody@example.com\" (owners are named by their sign-in email)",
            "row 4, Organizations: \"Friend\" is not a relationship; relationships are: Prospect, Customer, Partner, Competitor, Reseller",
            "row 5, Next step due date: \"2027-02-30\" is not a date (write 2026-12-31, 31.12.2026 or 12/31/2026)",
            "row 5, Next step: Say what the next step is.",
            "row 6, Title: Give the lead a title.",
            "row 6, Reason: Say why the lead moves to Lost.",
            "row 6, Organizations: A lead needs at least one individual or organization.",
        ], preview.Problems.Select(p => p.ToString()));
        Assert.Equal(owner, await db.ScalarAsync<long>("SELECT count(*) FROM picklists"));
        Assert.Equal(0L, await CountAsync("deals", "name", p));
    }

    [Fact]
    public async Task An_individual_name_two_people_share_is_a_preview_problem_unless_the_export_id_says_which()
    {
        var family = TestData.Unique("Twin");
        var first = await _data.IndividualAsync("Sam", family);
        await _data.IndividualAsync("Sam", family);
        var deal = await _data.DealAsync();
        var dealName = await db.ScalarAsync<string>("SELECT name FROM deals WHERE id = $1", deal);

        var preview = await PreviewAsync($"Title,Deal,Individuals,Individual ids\r\nA,{dealName},Sam {family},\r\nB,{dealName},Sam {family},{first}\r\n");

        var problem = Assert.Single(preview.Problems);
        Assert.StartsWith($"row 2, Individuals: \"Sam {family}\" matches 2 individuals", problem.ToString());
        Assert.Equal(ImportAction.Create, preview.Rows[1].Action);
    }

    [Fact]
    public async Task An_id_updates_that_lead_only_when_updating_is_chosen_and_its_links_become_the_files()
    {
        var lead = await _data.LeadAsync(title: TestData.Unique("Before"));
        var dealName = await db.ScalarAsync<string>("SELECT d.name FROM deals d JOIN leads l ON l.deal_id = d.id WHERE l.id = $1", lead);
        var org = await db.ScalarAsync<string>(
            "SELECT o.name FROM organizations o JOIN lead_organizations lo ON lo.organization_id = o.id WHERE lo.lead_id = $1", lead);
        var other = TestData.Unique("Other");
        await _data.OrganizationAsync(other);
        var csv = $"Id,Title,Deal,Stage,Organizations\r\n{lead},After,{dealName},Proposal,\"{other} (Partner, primary)\"\r\n";

        var kept = await ImportAsync(csv);
        Assert.Equal((0, 1, 0), (kept.Created, kept.Matched, kept.Updated));
        Assert.NotEqual("After", await db.ScalarAsync<string>("SELECT title FROM leads WHERE id = $1", lead));

        var updated = await ImportAsync(csv, updateMatched: true);
        Assert.Equal((0, 0, 1), (updated.Created, updated.Matched, updated.Updated));
        Assert.Equal($"After/Proposal/{other}/Partner", await db.ScalarAsync<string>("""
            SELECT l.title || '/' || s.stage || '/' || string_agg(o.name || '/' || lo.relationship, ',')
            FROM leads l JOIN lead_status s ON s.lead_id = l.id JOIN lead_organizations lo ON lo.lead_id = l.id
            JOIN organizations o ON o.id = lo.organization_id WHERE l.id = $1 GROUP BY l.title, s.stage
            """, lead));
        Assert.NotEqual(org, other);
        Assert.Equal(0, (await PreviewAsync(csv, updateMatched: true)).Updated); // the same file again changes nothing
    }

    [Fact]
    public async Task A_failure_at_row_9999_of_10000_leaves_no_lead_deal_organization_or_individual_behind()
    {
        var p = TestData.Unique("Late");
        var csv = new StringBuilder("Title,Deal,Organizations,Individuals\r\n");
        for (var i = 2; i <= 10_001; i++)
            csv.Append($"{p} {i},{p} Deal {i % 20},{p} Org {i % 2000},Ada {p}Person{i % 5000}\r\n");
        // Every row passes the preview; the database refuses row 9,999 when the last chunk is written.
        var constraint = "import_test_late_" + Guid.NewGuid().ToString("N")[..8];
        await db.ExecuteAsOwnerAsync($"ALTER TABLE leads ADD CONSTRAINT {constraint} CHECK (title <> '{p} 9999')");
        try
        {
            Assert.Empty((await PreviewAsync(csv.ToString())).Problems);
            await Assert.ThrowsAsync<RuleViolationException>(() => ImportAsync(csv.ToString()));
        }
        finally
        {
            await db.ExecuteAsOwnerAsync($"ALTER TABLE leads DROP CONSTRAINT {constraint}");
        }
        Assert.Equal((0L, 0L, 0L, 0L), (await CountAsync("leads", "title", p), await CountAsync("deals", "name", p),
            await CountAsync("organizations", "name", p), await CountAsync("individuals", "family_name", p)));
    }

    [Fact]
    public async Task An_import_announces_each_table_it_wrote_once_instead_of_every_statement()
    {
        var p = TestData.Unique("Notice");
        var csv = new StringBuilder("Title,Deal,Organizations\r\n");
        for (var i = 0; i < 300; i++)
            csv.Append($"{p} {i},{p} Deal,{p} Org {i}\r\n");
        await using var listen = new NpgsqlConnection(db.ConnectionString);
        await listen.OpenAsync();
        var heard = new List<string>();
        listen.Notification += (_, e) => heard.Add(e.Payload);
        await using (var command = new NpgsqlCommand($"LISTEN {ChangeListener.Channel}", listen))
            await command.ExecuteNonQueryAsync();

        await ImportAsync(csv.ToString());
        await db.ExecuteSqlAsync($"SELECT pg_notify('{ChangeListener.Channel}', 'done')");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!heard.Contains("done"))
            await listen.WaitAsync(timeout.Token);

        var changes = heard.Where(h => h != "done").Select(h => JsonDocument.Parse(h).RootElement).ToList();
        var tables = changes.Select(c => c.GetProperty("t").GetString()).ToList();
        Assert.Equal(tables.Distinct().Count(), tables.Count); // 300 leads, links and statuses: one notice per table
        Assert.Contains("leads", tables);
        Assert.All(changes, c => Assert.False(c.TryGetProperty("ids", out var ids) && ids.ValueKind == JsonValueKind.Array));
    }
}
