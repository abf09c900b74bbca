using DealTracker.Data.Export;
using DealTracker.Data.Import;
using DealTracker.Data.Leads;
using DealTracker.Data.Ownership;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

/// <summary>
/// Export → import into an empty database gives the same records and links: organizations, individuals, contacts,
/// deals, then leads with their deal, stage, reason, parties, relationships, roles and primaries.
/// </summary>
public sealed class ImportRoundTripTests(DatabaseFixture source, SecondDatabaseFixture target)
    : IClassFixture<DatabaseFixture>, IClassFixture<SecondDatabaseFixture>
{
    /// <summary>Columns that name rows of one database (ids, times): the rest must read the same in both.</summary>
    private static readonly string[] PerDatabase =
        ["Id", "Deal id", "Individual id", "Organization id", "Organization ids", "Individual ids", "Contact ids", "Lead ids",
            "Created at", "Updated at"];

    [Fact]
    public async Task Exported_records_imported_into_an_empty_database_export_the_same()
    {
        var p = TestData.Unique("Trip");
        var data = new TestData(source.Services);
        var acme = await data.OrganizationAsync($"{p} Acme (UK)");
        var beta = await data.OrganizationAsync($"={p} Beta"); // exported with the formula guard's prefix
        var ada = await data.IndividualAsync("Ada", $"{p} Lovelace", "ada@example.com");
        var alan = await data.IndividualAsync("Alan", $"{p} Turing");
        var contact = await data.ContactAsync(ada, acme, "CTO");
        var deal = await data.DealAsync($"{p} Big deal", 1234.5m, "EUR", 40m, new DateOnly(2027, 3, 31));
        var leads = source.Get<LeadService>();
        await leads.CreateLeadAsync(new NewLead(deal, $"{p} First",
            Organizations: [new PartyLink(acme, "Customer", IsPrimary: true), new PartyLink(beta, null)],
            Individuals: [new PartyLink(alan, "Sponsor")], Contacts: [new ContactLink(contact, "Decision Maker", IsPrimary: true)],
            Description: "Line one\nline two", Source: "Fair", Stage: "Lost", Reason: "Price"));
        await leads.CreateLeadAsync(new NewLead(deal, $"{p} Second", Organizations: [], Individuals: [new PartyLink(ada, null, true)]));

        var export = source.Get<ExportService>();
        var files = new (ImportKind Kind, Func<Stream, Task<int>> Write)[]
        {
            (ImportKind.Organizations, s => export.WriteOrganizationsAsync(p, s)),
            (ImportKind.Individuals, s => export.WriteIndividualsAsync(p, s)),
            (ImportKind.Contacts, s => export.WriteContactsAsync(p, s)),
            (ImportKind.Deals, s => export.WriteDealsAsync(p, OwnerFilter.Anyone, null, s)),
            (ImportKind.Leads, s => export.WriteLeadsAsync(new LeadListQuery(Search: p, PageSize: 100), s)),
        };
        var import = target.Get<ImportService>();
        var exported = new List<ExportedCsv>();
        foreach (var (kind, write) in files)
        {
            var csv = await ExportedCsv.WriteAsync(write);
            exported.Add(csv);
            var file = ImportFileReader.Read(csv.Bytes);
            var summary = await import.ImportAsync(kind, file, ImportFiles.Mapping(kind, file, "Id"), updateMatched: false,
                skipRowsWithProblems: false);
            Assert.Equal((csv.Rows.Count, 0), (summary.Created, summary.Skipped));
        }

        var again = target.Get<ExportService>();
        var reexported = new[]
        {
            await ExportedCsv.WriteAsync(s => again.WriteOrganizationsAsync(p, s)),
            await ExportedCsv.WriteAsync(s => again.WriteIndividualsAsync(p, s)),
            await ExportedCsv.WriteAsync(s => again.WriteContactsAsync(p, s)),
            await ExportedCsv.WriteAsync(s => again.WriteDealsAsync(p, OwnerFilter.Anyone, null, s)),
            await ExportedCsv.WriteAsync(s => again.WriteLeadsAsync(new LeadListQuery(Search: p, PageSize: 100), s)),
        };
        for (var i = 0; i < files.Length; i++)
            Assert.Equal(Comparable(exported[i]), Comparable(reexported[i]));
        Assert.Contains($"'={p} Beta", exported[0].Column("Name"));
        Assert.Contains($"{p} Acme (UK) (Customer, primary); ={p} Beta", exported[4].Column("Organizations"));
    }

    private static List<string> Comparable(ExportedCsv csv) =>
        csv.Rows.Select(r => string.Join(" | ", r.Where(c => !PerDatabase.Contains(c.Key)).Select(c => $"{c.Key}={c.Value}")))
            .Order(StringComparer.Ordinal).ToList();
}
