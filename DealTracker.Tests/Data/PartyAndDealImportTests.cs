using DealTracker.Data.Import;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

/// <summary>Individuals match by email and deals by name, ignoring case; amounts and dates are read in the notations people write.</summary>
public sealed class PartyAndDealImportTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private ImportService Import => db.Get<ImportService>();

    private Task<ImportPreview> PreviewAsync(ImportKind kind, string csv, bool updateMatched = false)
    {
        var file = ImportFiles.Read(csv);
        return Import.PreviewAsync(kind, file, ImportFiles.Mapping(kind, file), updateMatched);
    }

    private Task<ImportSummary> ImportAsync(ImportKind kind, string csv, bool updateMatched = false)
    {
        var file = ImportFiles.Read(csv);
        return Import.ImportAsync(kind, file, ImportFiles.Mapping(kind, file), updateMatched, skipRowsWithProblems: false);
    }

    [Fact]
    public async Task An_individual_matches_by_email_ignoring_case_and_an_email_two_people_share_is_a_problem()
    {
        var family = TestData.Unique("Mail");
        var email = $"{Guid.NewGuid():N}@example.com";
        var shared = $"{Guid.NewGuid():N}@example.com";
        var person = await _data.IndividualAsync("Kim", family, email);
        await _data.IndividualAsync("Lee", family, shared);
        await _data.IndividualAsync("Max", family, shared);

        var preview = await PreviewAsync(ImportKind.Individuals,
            $"Given name,Family name,Email\r\nKimberly,{family},{email.ToUpperInvariant()}\r\nNew,{family},{shared}\r\n", updateMatched: true);

        Assert.Equal((ImportAction.Update, person), (preview.Rows[0].Action, preview.Rows[0].MatchedId));
        Assert.StartsWith($"row 3, Email: \"{shared}\" matches 2 individuals", Assert.Single(preview.Problems).ToString());
    }

    [Fact]
    public async Task Amounts_and_dates_in_three_notations_give_the_same_deal_values_and_a_deal_matches_by_name_ignoring_case()
    {
        var p = TestData.Unique("Money");
        var existing = await _data.DealAsync($"{p} existing", value: 5m);
        var summary = await ImportAsync(ImportKind.Deals,
            "Name;Value;Currency;Probability;Close date\r\n" +
            $"{p} a;1.234,50;eur;40%;2027-03-31\r\n" +
            $"{p} b;1,234.50;EUR;40;31.03.2027\r\n" +
            $"{p} c;1 234,5;EUR;40,0;03/31/2027\r\n" +
            $"{p.ToUpperInvariant()} EXISTING;5;USD;50;\r\n");

        Assert.Equal((3, 1, 0), (summary.Created, summary.Matched, summary.Updated));
        Assert.Equal(1L, await db.ScalarAsync<long>("""
            SELECT count(DISTINCT (value_amount, value_currency, probability, close_date)) FROM deals WHERE name LIKE $1 || ' _'
            """, p));
        Assert.Equal("1234.50 EUR 40.00 2027-03-31", await db.ScalarAsync<string>(
            "SELECT value_amount || ' ' || value_currency || ' ' || probability || ' ' || close_date FROM deals WHERE name = $1", $"{p} a"));
        Assert.Equal(existing, await db.ScalarAsync<long>("SELECT id FROM deals WHERE lower(name) = lower($1)", $"{p} existing"));
    }

    [Fact]
    public async Task Unreadable_amounts_and_dates_name_the_notations_that_are_read()
    {
        var preview = await PreviewAsync(ImportKind.Deals, "Name,Value,Close date\r\nX,12.34.5,2027-13-01\r\n");

        Assert.Equal(
        [
            "row 2, Value: \"12.34.5\" is not an amount (write 1234.50, 1,234.50 or 1.234,50)",
            "row 2, Close date: \"2027-13-01\" is not a date (write 2026-12-31, 31.12.2026 or 12/31/2026)",
        ], preview.Problems.Select(p => p.ToString()));
    }
}
