using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>Organizations, matched by name ignoring case; checked by the organization rules.</summary>
internal sealed class OrganizationImport(RecordMatcher matcher, Dictionary<long, OrganizationValues> existing) : IImportBatch
{
    public static IImportDescriptor Descriptor { get; } = new ImportDescriptor(
        ["Id", "Name", "Website", "Phone", "Notes"], ["organizations"],
        ("Name", "Choose the column that holds the organization's name (Name)."),
        async (db, _, ct) =>
        {
            var existing = await db.Organizations.AsNoTracking()
                .Select(o => new OrganizationValues(o.Id, o.Name, o.Website, o.Phone, o.Notes)).ToDictionaryAsync(o => o.Id!.Value, ct);
            return new OrganizationImport(
                new RecordMatcher("organization", "Name", existing.Values.Select(o => (o.Id!.Value, (string?)o.Name))), existing);
        });

    private readonly Dictionary<int, OrganizationValues> _values = [];

    public RowMatch Check(RowCells cells)
    {
        var id = cells.Id();
        var name = cells.Check("Name", v => Input.Required(v, Limits.Name, "Name", "Give the organization a name."));
        var value = new OrganizationValues(id, name ?? "",
            cells.Check("Website", v => Input.Website(v)),
            cells.Check("Phone", v => Input.Optional(v, Limits.Phone, "Phone")),
            cells.Check("Notes", v => Input.Optional(v, Limits.LongText, "Notes")));
        var matched = matcher.Match(cells, id, name);
        _values[cells.RowNumber] = value with { Id = matched };
        return new RowMatch(matched, matched is not { } m || existing[m] != value with { Id = matched });
    }

    public Task WriteAsync(DealTrackerDbContext db, IReadOnlyList<ImportPreviewRow> rows, IProgress<double>? progress,
        CancellationToken ct) =>
        RecordWrites.WriteAsync<Organization>(db, rows, o => o.Id, () => new Organization { Name = "" },
            (row, org) => _values[row].CopyTo(org), progress, ct);
}
