using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Search;

/// <summary>
/// The app-bar search: leads, deals, organizations, individuals and contacts whose names contain the term, a few of
/// each kind with the total per kind. Leads and deals only as far as the acting user may see them (the ownership rule
/// of <see cref="Ownership.Visibility"/>); the parties are shared by everyone. One statement for every kind and its
/// total (<see cref="SearchStatement"/>), each kind through its trigram index.
/// </summary>
public sealed class SearchQueries(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    /// <summary>Shorter terms match too much to be useful, and trigram indexes cannot serve them.</summary>
    public const int MinimumLength = 3;

    public const int MaxPerKind = 20;

    public static bool IsLongEnough(string? term) => Text.Clean(term) is { Length: >= MinimumLength };

    public async Task<SearchResults> FindAsync(string? term, int perKind = 5, CancellationToken ct = default)
    {
        var clean = Text.Clean(term) ?? "";
        if (!IsLongEnough(clean) || SearchPattern.Contains(clean) is not { } pattern)
            return SearchResults.None(clean);
        var statement = new SearchStatement(actor, pattern, Math.Clamp(perKind, 1, MaxPerKind));
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Database.SqlQueryRaw<SearchRow>(statement.Sql, statement.Parameters.ToArray<object>())
            .ToListAsync(ct);
        var groups = rows.GroupBy(r => r.Kind)
            .Select(g => new SearchGroup(g.Key, g.Select(r => r.ToHit()).ToList(), g.First().Total))
            .ToList();
        return new SearchResults(clean, groups);
    }
}
