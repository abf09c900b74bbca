using DealTracker.Data.Entities;
using DealTracker.Data.Picklists;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>
/// Every picklist, loaded once: a cell must name an active value of its category (ignoring case; the list's own spelling
/// is stored). An import never creates a picklist value: an unknown one is a problem that lists the values there are.
/// </summary>
internal sealed class ImportPicklists(ILookup<string, PicklistOption> byCategory)
{
    public static async Task<ImportPicklists> LoadAsync(DealTrackerDbContext db, CancellationToken ct)
    {
        var values = await db.Picklists.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new { p.Category, Option = new PicklistOption(p.Id, p.Value, p.SortOrder, p.IsActive, p.NeedsReason, p.IsClosed) })
            .ToListAsync(ct);
        return new ImportPicklists(values.ToLookup(v => v.Category, v => v.Option));
    }

    public PicklistOption? FirstActiveStage => byCategory[PicklistCategories.Stage].FirstOrDefault(o => o.IsActive);

    /// <summary>The option <paramref name="value"/> names, or null with a problem in <paramref name="field"/>.</summary>
    public PicklistOption? Find(RowCells cells, string field, string category, string value, string label)
    {
        var option = byCategory[category].FirstOrDefault(o => string.Equals(o.Value, value, StringComparison.OrdinalIgnoreCase));
        if (option is { IsActive: true })
            return option;
        var offered = string.Join(", ", byCategory[category].Where(o => o.IsActive).Select(o => o.Value));
        cells.Problem(field, option is null
            ? $"\"{value}\" is not a {label}; {label}s are: {offered}"
            : $"\"{value}\" is no longer offered as a {label}; {label}s are: {offered}");
        return null;
    }

    /// <summary>Whether <paramref name="value"/> is an active value of <paramref name="category"/>, without a problem if not.</summary>
    public bool Offers(string category, string value) =>
        byCategory[category].Any(o => o.IsActive && string.Equals(o.Value, value, StringComparison.OrdinalIgnoreCase));
}
