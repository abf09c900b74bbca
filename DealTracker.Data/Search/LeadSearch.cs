using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Search;

/// <summary>
/// Which leads a search term finds: its title, its deal's name, or the name of an organization, person or contact on
/// it. One rule for the /leads list and the app-bar search, answered from each lead's search text
/// (<see cref="LeadSearchDocument"/>, kept by the database) through its one trigram index, so matching leads are
/// counted without reading the leads or the five tables their names come from.
/// </summary>
public static class LeadSearch
{
    private static readonly string MatchingSql = $"SELECT * FROM lead_search s WHERE {DocumentMatchesSql("s", "{0}")}";

    /// <param name="pattern">An ILIKE pattern from <see cref="Infrastructure.SearchPattern.Contains"/>.</param>
    public static IQueryable<LeadSearchDocument> Matching(DealTrackerDbContext db, string pattern) =>
        db.LeadSearchDocuments.FromSqlRaw(MatchingSql, pattern).AsNoTracking();

    /// <summary>The ids of the leads <see cref="Matching"/> finds.</summary>
    public static IQueryable<long> MatchingLeadIds(DealTrackerDbContext db, string pattern) =>
        Matching(db, pattern).Select(d => d.Id);

    /// <summary>
    /// <see cref="Matching"/>'s condition on the search text of <c>lead_search</c> row <paramref name="alias"/>, for
    /// statements written in SQL; <paramref name="pattern"/> names the parameter that holds the ILIKE pattern.
    /// </summary>
    /// <remarks>
    /// The search text is stored lower-cased and the pattern is lower-cased by PostgreSQL's own <c>lower()</c>, so
    /// this is ILIKE's match without ILIKE lower-casing every candidate text again (a third of the time on a common
    /// term).
    /// </remarks>
    internal static string DocumentMatchesSql(string alias, string pattern) =>
        $"{alias}.document LIKE lower({pattern}) ESCAPE '\\'";

    /// <summary>
    /// Individual <paramref name="alias"/>'s full name ("given family") contains the pattern in parameter
    /// <paramref name="pattern"/>: the expression of the trigram index idx_individuals_full_name_trgm, so it is read.
    /// </summary>
    internal static string PersonNamedSql(string alias, string pattern) =>
        $"{alias}.given_name || ' ' || {alias}.family_name ILIKE {pattern} ESCAPE '\\'";
}
