using System.Text;
using DealTracker.Data.Export;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.NextSteps;
using DealTracker.Data.Ownership;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>Export writes exactly what the list or board shows (visibility, filters, sort, all pages), relations kept.</summary>
public sealed class ExportTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private TestData Data => new(db.Services);
    private ExportService Export(IActingUser? actor = null) => db.As(actor ?? ActingUser.System).GetRequiredService<ExportService>();
    private LeadService Leads => db.Get<LeadService>();

    private Task<ExportedCsv> LeadsAsync(LeadListQuery query, IActingUser? actor = null) =>
        ExportedCsv.WriteAsync(output => Export(actor).WriteLeadsAsync(query, output));

    [Fact]
    public async Task A_sales_users_export_holds_only_their_own_and_unassigned_leads()
    {
        var me = await db.Services.CreateUserAsync(Roles.Sales);
        var other = await db.Services.CreateUserAsync(Roles.Sales);
        var deal = await Data.DealAsync(TestData.Unique("Visible"));
        var mine = await Data.LeadAsync(deal, ownerUserId: me);
        var unassigned = await Data.LeadAsync(deal);
        await Data.LeadAsync(deal, ownerUserId: other);

        var csv = await LeadsAsync(new LeadListQuery(DealId: deal), ActingUser.Sales(me));
        var managers = await LeadsAsync(new LeadListQuery(DealId: deal), ActingUser.For(other, [Roles.Manager]));

        Assert.Equal(new[] { mine, unassigned }.Order(), csv.Column("Id").Select(long.Parse).Order());
        Assert.Equal(3, managers.Rows.Count);
    }

    [Fact]
    public async Task Filters_and_sort_of_the_list_are_honoured_across_all_pages()
    {
        var deal = await Data.DealAsync(TestData.Unique("Sorted"));
        foreach (var letter in "EBDAC")
            await Data.LeadAsync(deal, title: $"{letter} lead", stage: "Negotiation");
        await Data.LeadAsync(deal, title: "F lead", stage: "New");

        var query = new LeadListQuery(Stage: "Negotiation", Sort: LeadSort.Title, Descending: true, PageSize: 2, DealId: deal);
        var csv = await LeadsAsync(query);

        Assert.Equal(["E lead", "D lead", "C lead", "B lead", "A lead"], csv.Column("Title"));
        Assert.All(csv.Column("Stage"), stage => Assert.Equal("Negotiation", stage));
        var page = await db.Get<LeadQueries>().ListAsync(query with { PageSize = 100 });
        Assert.Equal(page.Items.Select(r => r.Id.ToString()), csv.Column("Id"));
    }

    [Fact]
    public async Task A_lead_row_carries_its_deal_stage_owner_and_links_with_relationships_roles_and_primaries()
    {
        var owner = await db.Services.CreateUserAsync(Roles.Sales);
        var ownerEmail = await db.ScalarAsync<string>($"SELECT email FROM users WHERE id = {owner}");
        var deal = await Data.DealAsync(TestData.Unique("Relations"), value: 1234.5m, currency: "EUR", probability: 12.5m,
            closeDate: new DateOnly(2027, 3, 31));
        var acme = await Data.OrganizationAsync(TestData.Unique("Acme"));
        var beta = await Data.OrganizationAsync(TestData.Unique("Beta"));
        var pat = await Data.IndividualAsync("Pat", TestData.Unique("Person"));
        var contact = await Data.ContactAsync(pat, acme);
        var lead = await Leads.CreateLeadAsync(new NewLead(deal, "With relations",
            [new PartyLink(beta, "Partner"), new PartyLink(acme, "Customer", IsPrimary: true)],
            [new PartyLink(pat, null)], [new ContactLink(contact, "Decision Maker", IsPrimary: true)],
            Stage: "Lost", Reason: "Price", OwnerUserId: owner));

        var row = Assert.Single((await LeadsAsync(new LeadListQuery(DealId: deal))).Rows);

        var acmeName = await db.ScalarAsync<string>($"SELECT name FROM organizations WHERE id = {acme}");
        var betaName = await db.ScalarAsync<string>($"SELECT name FROM organizations WHERE id = {beta}");
        var patName = await db.ScalarAsync<string>($"SELECT given_name || ' ' || family_name FROM individuals WHERE id = {pat}");
        Assert.Equal(lead.ToString(), row["Id"]);
        Assert.Equal(deal.ToString(), row["Deal id"]);
        Assert.Equal(("1234.50", "EUR", "12.50", "2027-03-31"), (row["Value"], row["Currency"], row["Probability"], row["Close date"]));
        Assert.Equal(("Lost", "Price", ownerEmail), (row["Stage"], row["Reason"], row["Owner"]));
        Assert.Equal($"{acmeName} (Customer, primary); {betaName} (Partner)", row["Organizations"]);
        Assert.Equal($"{acme}; {beta}", row["Organization ids"]);
        Assert.Equal(patName, row["Individuals"]);
        Assert.Equal(pat.ToString(), row["Individual ids"]);
        Assert.Equal($"{patName} at {acmeName} (Decision Maker, primary)", row["Contacts"]);
        Assert.Equal(contact.ToString(), row["Contact ids"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", row["Created at"]);
    }

    [Fact]
    public async Task A_lead_row_carries_its_next_step_with_due_date_and_time_and_empty_cells_without_one()
    {
        var deal = await Data.DealAsync(TestData.Unique("Next steps"));
        var timed = await Data.LeadAsync(deal, title: "A timed");
        var allDay = await Data.LeadAsync(deal, title: "B all day");
        await Data.LeadAsync(deal, title: "C none");
        var steps = db.As(ActingUser.System).GetRequiredService<NextStepService>();
        await steps.SetAsync(timed, new NextStepInput("Call Dana about the pilot", new DateOnly(2027, 1, 15), new TimeOnly(9, 30)));
        await steps.SetAsync(allDay, new NextStepInput("=Send the revised quote", new DateOnly(2026, 11, 2), null));

        var csv = await LeadsAsync(new LeadListQuery(DealId: deal, Sort: LeadSort.Title, Descending: false));

        Assert.Equal(["Call Dana about the pilot", "'=Send the revised quote", ""], csv.Column("Next step"));
        Assert.Equal(["2027-01-15", "2026-11-02", ""], csv.Column("Next step due date"));
        Assert.Equal(["09:30", "", ""], csv.Column("Next step due time"));
    }

    [Fact]
    public async Task Cells_that_a_spreadsheet_would_run_as_formulas_get_a_leading_apostrophe_that_unprotect_removes()
    {
        var deal = await Data.DealAsync(TestData.Unique("Formulas"));
        string[] titles = ["=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)", "\tTabbed", "\rReturn", "'quoted", "Plain - dash"];
        foreach (var title in titles)
            await db.ExecuteSqlAsync("UPDATE leads SET title = $1 WHERE id = $2", title, await Data.LeadAsync(deal));

        var csv = await LeadsAsync(new LeadListQuery(DealId: deal, Sort: LeadSort.Title, Descending: false));

        var cells = csv.Column("Title").ToList();
        Assert.Equal(titles.Select(CsvFormulaGuard.Protect).Order(StringComparer.Ordinal), cells.Order(StringComparer.Ordinal));
        Assert.Contains("'=HYPERLINK(\"http://evil\")", cells);
        Assert.Contains("'-2", cells);
        Assert.Contains("''quoted", cells);
        Assert.Contains("Plain - dash", cells);
        Assert.Equal(titles.Order(StringComparer.Ordinal), cells.Select(CsvFormulaGuard.Unprotect).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "'=x", "''x", "'x", "x" }.Select(CsvFormulaGuard.Unprotect), ["=x", "'x", "'x", "x"]);
    }

    [Fact]
    public async Task An_empty_result_is_the_header_row_only()
    {
        var csv = await LeadsAsync(new LeadListQuery(Search: TestData.Unique("Nothing matches")));

        Assert.Empty(csv.Rows);
        Assert.Equal(LeadExportRow.Columns, csv.Header);
        var text = Encoding.UTF8.GetString(csv.Bytes);
        Assert.Equal("\uFEFF" + string.Join(",", LeadExportRow.Columns) + "\r\n", text);
    }

    [Fact]
    public async Task A_100000_character_description_comes_through_whole()
    {
        var deal = await Data.DealAsync(TestData.Unique("Long"));
        var lead = await Data.LeadAsync(deal);
        var description = string.Concat(Enumerable.Repeat("Line, with \"quotes\"\n", 5000));
        Assert.Equal(100_000, description.Length);
        await db.ExecuteSqlAsync("UPDATE leads SET description = $1 WHERE id = $2", description, lead);

        var row = Assert.Single((await LeadsAsync(new LeadListQuery(DealId: deal))).Rows);

        Assert.Equal(description, row["Description"]);
    }

    [Fact]
    public async Task The_file_is_excel_friendly_utf8_with_bom_iso_dates_and_point_decimals()
    {
        var deal = await Data.DealAsync(TestData.Unique("Zürich Größe 日本"), value: 1234567.89m, closeDate: new DateOnly(2027, 1, 2));
        await Data.LeadAsync(deal, title: "Café crème");

        var csv = await LeadsAsync(new LeadListQuery(DealId: deal));

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv.Bytes[..3]);
        Assert.Equal(LeadExportRow.Columns, csv.Header);
        var row = Assert.Single(csv.Rows);
        Assert.Equal("Café crème", row["Title"]);
        Assert.StartsWith("Zürich Größe 日本", row["Deal"]);
        Assert.Equal("1234567.89", row["Value"]);
        Assert.Equal("2027-01-02", row["Close date"]);
        Assert.Equal("leads-2026-12-01.csv", ExportService.FileName("leads", new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public async Task The_board_export_holds_the_boards_leads_for_its_filter_in_column_order()
    {
        var deal = await Data.DealAsync(TestData.Unique("Board"));
        var negotiation = await Data.LeadAsync(deal, stage: "Negotiation");
        var first = await Data.LeadAsync(deal, stage: "New");
        var second = await Data.LeadAsync(deal, stage: "New");
        await Data.LeadAsync(await Data.DealAsync(), stage: "New");

        var csv = await ExportedCsv.WriteAsync(output => Export().WritePipelineAsync(new PipelineFilter(DealId: deal), output));

        // New comes before Negotiation on the board; in a column the latest move is on top.
        Assert.Equal(new[] { second, first, negotiation }.Select(id => id.ToString()), csv.Column("Id"));
    }

    [Fact]
    public async Task Deals_and_parties_export_their_lists_for_the_same_search()
    {
        var tag = TestData.Unique("Party").Replace(" ", "");
        var deal = await Data.DealAsync($"Deal {tag}", value: 10m, currency: "GBP");
        var lead = await Data.LeadAsync(deal);
        await Data.DealAsync();
        var org = await Data.OrganizationAsync($"Org {tag}");
        var person = await Data.IndividualAsync("Sam", $"Person{tag}");
        var contact = await Data.ContactAsync(person, org, title: "Buyer");

        var deals = await ExportedCsv.WriteAsync(o => Export().WriteDealsAsync(tag, OwnerFilter.Anyone, null, o));
        var orgs = await ExportedCsv.WriteAsync(o => Export().WriteOrganizationsAsync(tag, o));
        var people = await ExportedCsv.WriteAsync(o => Export().WriteIndividualsAsync(tag, o));
        var contacts = await ExportedCsv.WriteAsync(o => Export().WriteContactsAsync(tag, o));

        var dealRow = Assert.Single(deals.Rows);
        Assert.Equal((deal.ToString(), "10.00", "GBP", "1", lead.ToString()), (dealRow["Id"], dealRow["Value"], dealRow["Currency"], dealRow["Leads"], dealRow["Lead ids"]));
        Assert.Equal(org.ToString(), Assert.Single(orgs.Rows)["Id"]);
        Assert.Equal(person.ToString(), Assert.Single(people.Rows)["Id"]);
        var contactRow = Assert.Single(contacts.Rows);
        Assert.Equal((contact.ToString(), person.ToString(), org.ToString(), $"Org {tag}", "Buyer"),
            (contactRow["Id"], contactRow["Individual id"], contactRow["Organization id"], contactRow["Organization"], contactRow["Title"]));
    }

    [Fact]
    public async Task More_leads_than_a_batch_come_out_once_each_in_order()
    {
        var deal = await Data.DealAsync(TestData.Unique("Batches"));
        var org = await Data.OrganizationAsync();
        await db.ExecuteSqlAsync("""
            WITH l AS (INSERT INTO leads (deal_id, title) SELECT $1, 'Bulk ' || lpad(n::text, 5, '0') FROM generate_series(1, 2500) n RETURNING id)
            , s AS (INSERT INTO lead_status (lead_id, stage) SELECT id, 'New' FROM l)
            INSERT INTO lead_organizations (lead_id, organization_id, relationship, is_primary) SELECT id, $2, 'Prospect', true FROM l
            """, deal, org);

        var csv = await LeadsAsync(new LeadListQuery(DealId: deal, Sort: LeadSort.Title, Descending: false));

        Assert.Equal(Enumerable.Range(1, 2500).Select(n => $"Bulk {n:00000}"), csv.Column("Title"));
        Assert.All(csv.Column("Organization ids"), ids => Assert.Equal(org.ToString(), ids));
    }
}
