using DealTracker.Data.Deals;
using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>Deals, matched by name ignoring case; checked by the deal rules (<see cref="DealService"/>).</summary>
internal sealed class DealImport(RecordMatcher matcher, Dictionary<long, DealInput> existing, ImportOwners owners) : IImportBatch
{
    public static IImportDescriptor Descriptor { get; } = new ImportDescriptor(
        ["Id", "Name", "Description", "Value", "Currency", "Probability", "Close date", "Owner"], ["deals"],
        ("Name", "Choose the column that holds the deal's name (Name)."),
        async (db, actor, ct) =>
        {
            var existing = await db.Deals.AsNoTracking()
                .Select(d => new
                {
                    d.Id,
                    Input = new DealInput(d.Name, d.Description, d.ValueAmount, d.ValueCurrency, d.Probability, d.CloseDate, d.OwnerUserId),
                })
                .ToDictionaryAsync(d => d.Id, d => d.Input, ct);
            return new DealImport(new RecordMatcher("deal", "Name", existing.Select(e => (e.Key, (string?)e.Value.Name))), existing,
                await ImportOwners.LoadAsync(db, actor, ct));
        });

    private readonly Dictionary<int, DealInput> _values = [];

    public RowMatch Check(RowCells cells)
    {
        var id = cells.Id();
        var input = Read(cells);
        var matched = matcher.Match(cells, id, DealValues.Name(input.Name));
        input = input with { OwnerUserId = owners.Owner(cells, matched is { } m ? existing[m].OwnerUserId : null, matched is null) };
        _values[cells.RowNumber] = input;
        return new RowMatch(matched, matched is not { } known || existing[known] != input);
    }

    /// <summary>A deal's fields from a deal row (or a lead row naming a new deal), checked by <see cref="DealService"/>'s rules.</summary>
    internal static DealInput Read(RowCells cells, string nameField = "Name", string? descriptionField = "Description")
    {
        var raw = new DealInput(cells.Raw(nameField) ?? "", descriptionField is null ? null : cells.Raw(descriptionField),
            cells.Amount("Value"), cells.Raw("Currency"), cells.Percent("Probability"), cells.Date("Close date"));
        var deal = new Deal { Name = "" };
        cells.Check(() => DealService.Apply(deal, raw), field => DealValues.ColumnOf(field, nameField));
        return new DealInput(deal.Name, deal.Description, deal.ValueAmount, deal.ValueCurrency, deal.Probability, deal.CloseDate);
    }

    public Task WriteAsync(DealTrackerDbContext db, IReadOnlyList<ImportPreviewRow> rows, IProgress<double>? progress,
        CancellationToken ct) =>
        RecordWrites.WriteAsync<Deal>(db, rows, d => d.Id, () => new Deal { Name = "" },
            (row, deal) => DealValues.CopyTo(_values[row], deal), progress, ct);
}
