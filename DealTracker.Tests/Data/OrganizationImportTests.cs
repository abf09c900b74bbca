using System.Text;
using DealTracker.Data.Identity;
using DealTracker.Data.Import;
using DealTracker.Data.Infrastructure;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>
/// Importing organizations: every row checked before anything is written, matching by Id or by name ignoring case,
/// matched records changed only when the user opts in, all or nothing, and the skipped rows with their reasons.
/// </summary>
public sealed class OrganizationImportTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly TestData _data = new(db.Services);
    private ImportService Import => db.Get<ImportService>();

    private static ImportFile File(string text) => ImportFileReader.Read(Encoding.UTF8.GetBytes(text));

    private static ImportMapping Mapping(ImportFile file) => ImportService.SuggestMapping(ImportKind.Organizations, file);

    private Task<long> CountAsync(string prefix) =>
        db.ScalarAsync<long>("SELECT count(*) FROM organizations WHERE name ILIKE $1 || '%'", prefix);

    [Fact]
    public async Task The_same_organization_twice_in_different_case_is_a_problem_of_the_second_row()
    {
        var p = TestData.Unique("Twice");
        var file = File($"Name,Website\r\n{p} Corp,acme.example\r\n{p.ToUpperInvariant()} CORP,\r\n");

        var preview = await Import.PreviewAsync(ImportKind.Organizations, file, Mapping(file), updateMatched: false);

        Assert.Equal((1, 0, 0, 1), (preview.Created, preview.Matched, preview.Updated, preview.Skipped));
        Assert.Equal($"row 3, Name: \"{p.ToUpperInvariant()} CORP\" is also in row 2 of this file (names are compared ignoring case)",
            Assert.Single(preview.Problems).ToString());
        Assert.Equal(0L, await CountAsync(p)); // a preview writes nothing
    }

    [Fact]
    public async Task Rows_with_problems_refuse_the_whole_import_unless_skipped_and_the_skipped_rows_come_back_with_reasons()
    {
        var p = TestData.Unique("Bad");
        var file = File($"Name,Website,Phone\r\n{p} One,one.example,1\r\n,two.example,2\r\n{p} Three,not a site,3\r\n{p} Four,,4\r\n");

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Import.ImportAsync(ImportKind.Organizations, file, Mapping(file), updateMatched: false, skipRowsWithProblems: false));
        Assert.Equal("2 row(s) have problems, so nothing was imported. Fix the file, or choose to skip those rows.", refusal.Message);
        Assert.Equal(0L, await CountAsync(p));

        var summary = await Import.ImportAsync(ImportKind.Organizations, file, Mapping(file), updateMatched: false, skipRowsWithProblems: true);
        Assert.Equal((2, 0, 0, 2), (summary.Created, summary.Matched, summary.Updated, summary.Skipped));
        Assert.Equal(2L, await CountAsync(p));
        Assert.Equal(
            "Row,Name,Website,Phone,Reason\r\n" +
            "3,,two.example,2,Name: Give the organization a name.\r\n" +
            $"4,{p} Three,not a site,3,Website: Enter a website like https://example.com.\r\n",
            summary.SkippedRowsCsv);
    }

    [Fact]
    public async Task A_failure_at_row_9999_of_10000_writes_nothing()
    {
        var p = TestData.Unique("Bulk");
        var csv = new StringBuilder("Name,Website\r\n");
        for (var i = 2; i <= 10_001; i++)
            csv.Append($"{p} {i},{(i == 9_999 ? "not a site" : $"org{i}.example")}\r\n");
        var file = File(csv.ToString());

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Import.ImportAsync(ImportKind.Organizations, file, Mapping(file), updateMatched: false, skipRowsWithProblems: false));
        Assert.StartsWith("1 row(s) have problems, so nothing was imported.", refusal.Message);
        Assert.Equal(0L, await CountAsync(p));
        var preview = await Import.PreviewAsync(ImportKind.Organizations, file, Mapping(file), updateMatched: false);
        Assert.Equal("row 9999, Website: Enter a website like https://example.com.", Assert.Single(preview.Problems).ToString());
    }

    [Fact]
    public async Task A_name_matches_ignoring_case_and_changes_the_record_only_when_updating_is_chosen()
    {
        var p = TestData.Unique("Match");
        var id = await _data.OrganizationAsync($"{p} Corp");
        var file = File($"Name,Website\r\n{p.ToLowerInvariant()} corp,matched.example\r\n");

        var kept = await Import.ImportAsync(ImportKind.Organizations, file, Mapping(file), updateMatched: false, skipRowsWithProblems: false);
        Assert.Equal((0, 1, 0, 0), (kept.Created, kept.Matched, kept.Updated, kept.Skipped));
        Assert.Equal(DBNull.Value, await db.ScalarAsync<object>($"SELECT website FROM organizations WHERE id = {id}"));

        var updated = await Import.ImportAsync(ImportKind.Organizations, file, Mapping(file), updateMatched: true, skipRowsWithProblems: false);
        Assert.Equal((0, 0, 1, 0), (updated.Created, updated.Matched, updated.Updated, updated.Skipped));
        Assert.Equal("matched.example", await db.ScalarAsync<string>($"SELECT website FROM organizations WHERE id = {id}"));
        Assert.Equal(1L, await CountAsync(p));
    }

    [Fact]
    public async Task An_id_column_updates_that_record_and_an_unknown_id_is_a_problem()
    {
        var p = TestData.Unique("ById");
        var id = await _data.OrganizationAsync($"{p} Old name");
        var file = File($"Id,Name,Created at\r\n{id},{p} New name,2026-01-01\r\n999999999,{p} Ghost,\r\n");

        var preview = await Import.PreviewAsync(ImportKind.Organizations, file, Mapping(file), updateMatched: true);
        Assert.Equal(["Created at"], preview.IgnoredColumns);
        Assert.Equal("row 3, Id: there is no organization #999999999 (leave Id empty to create one)",
            Assert.Single(preview.Problems).ToString());

        await Import.ImportAsync(ImportKind.Organizations, file, Mapping(file), updateMatched: true, skipRowsWithProblems: true);
        Assert.Equal($"{p} New name", await db.ScalarAsync<string>($"SELECT name FROM organizations WHERE id = {id}"));
        Assert.Equal(1L, await CountAsync(p));
    }

    [Fact]
    public async Task Unknown_columns_are_not_imported_and_the_rest_is()
    {
        var p = TestData.Unique("Cols");
        var file = File($"Company_name,Name,Favourite colour\r\nx,{p} Ltd,blue\r\n");
        var preview = await Import.PreviewAsync(ImportKind.Organizations, file, Mapping(file), updateMatched: false);
        Assert.Equal(["Company_name", "Favourite colour"], preview.IgnoredColumns);
        Assert.Equal(1, preview.Created);
    }

    [Fact]
    public async Task Only_managers_and_admins_can_import()
    {
        var file = File("Name\r\nAnyone\r\n");
        var sales = db.As(ActingUser.Sales(1)).GetRequiredService<ImportService>();
        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => sales.PreviewAsync(ImportKind.Organizations, file, Mapping(file), false));
        Assert.Equal("Only managers and admins can import.", refusal.Message);
    }
}
