using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>What the kinds without links share: update the matched records (loaded in one query), add the new ones in one AddRange.</summary>
internal static class RecordWrites
{
    public static async Task WriteAsync<TEntity>(DealTrackerDbContext db, IReadOnlyList<ImportPreviewRow> rows, Func<TEntity, long> idOf,
        Func<TEntity> create, Action<int, TEntity> apply, IProgress<double>? progress, CancellationToken ct) where TEntity : class
    {
        var ids = rows.Where(r => r.MatchedId is not null).Select(r => r.MatchedId!.Value).ToList();
        var tracked = await db.Set<TEntity>().Where(e => ids.Contains(EF.Property<long>(e, "Id"))).ToDictionaryAsync(idOf, ct);
        var created = new List<TEntity>();
        foreach (var row in rows)
        {
            var entity = row.MatchedId is { } id ? tracked[id] : create();
            apply(row.RowNumber, entity);
            if (row.MatchedId is null)
                created.Add(entity);
        }
        db.Set<TEntity>().AddRange(created);
        await db.SaveChangesAsync(ct);
        progress?.Report(1);
    }
}
