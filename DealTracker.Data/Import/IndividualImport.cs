using DealTracker.Data.Entities;
using DealTracker.Data.Parties;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>Individuals, matched by email ignoring case; checked by the individual rules (<see cref="PartyService"/>).</summary>
internal sealed class IndividualImport(RecordMatcher matcher, Dictionary<long, IndividualInput> existing) : IImportBatch
{
    public static IImportDescriptor Descriptor { get; } = new ImportDescriptor(
        ["Id", "Given name", "Family name", "Email", "Phone", "Notes"], ["individuals"],
        ("Family name", "Choose the column that holds the individual's family name (Family name)."),
        async (db, _, ct) =>
        {
            var existing = await db.Individuals.AsNoTracking()
                .Select(i => new { i.Id, Input = new IndividualInput(i.GivenName, i.FamilyName, i.Email, i.Phone, i.Notes) })
                .ToDictionaryAsync(i => i.Id, i => i.Input, ct);
            return new IndividualImport(
                new RecordMatcher("individual", "Email", existing.Select(e => (e.Key, e.Value.Email))), existing);
        });

    private readonly Dictionary<int, IndividualInput> _values = [];

    public RowMatch Check(RowCells cells)
    {
        var id = cells.Id();
        var person = new Individual { GivenName = "", FamilyName = "" };
        var input = new IndividualInput(cells.Raw("Given name") ?? "", cells.Raw("Family name") ?? "", cells.Raw("Email"),
            cells.Raw("Phone"), cells.Raw("Notes"));
        var valid = cells.Check(() => PartyService.Apply(person, input), field => field);
        var clean = new IndividualInput(person.GivenName, person.FamilyName, person.Email, person.Phone, person.Notes);
        var matched = matcher.Match(cells, id, valid ? clean.Email : Text(cells.Raw("Email")));
        _values[cells.RowNumber] = clean;
        return new RowMatch(matched, matched is not { } m || existing[m] != clean);
    }

    private static string? Text(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();

    public Task WriteAsync(DealTrackerDbContext db, IReadOnlyList<ImportPreviewRow> rows, IProgress<double>? progress,
        CancellationToken ct) =>
        RecordWrites.WriteAsync<Individual>(db, rows, i => i.Id, () => new Individual { GivenName = "", FamilyName = "" },
            (row, person) => PartyService.Apply(person, _values[row]), progress, ct);
}
