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
    /// <param name="pattern">An ILIKE pattern from <see cref="Infrastructure.SearchPattern.Contains"/>.</param>
    /// <remarks>
    /// The search text is stored lower-cased and the pattern is lower-cased by PostgreSQL's own <c>lower()</c>, so
    /// this is ILIKE's match without ILIKE lower-casing every candidate text again (a third of the time on a common
    /// term).
    /// </remarks>
    public static IQueryable<LeadSearchDocument> Matching(DealTrackerDbContext db, string pattern) =>
        db.LeadSearchDocuments.FromSql($"SELECT * FROM lead_search WHERE document LIKE lower({pattern}) ESCAPE '\\'")
            .AsNoTracking();

    /// <summary>The ids of the leads <see cref="Matching"/> finds.</summary>
    public static IQueryable<long> MatchingLeadIds(DealTrackerDbContext db, string pattern) =>
        Matching(db, pattern).Select(d => d.Id);

    /// <summary>Individuals whose full name ("given family", the indexed expression) matches.</summary>
    public static IQueryable<long> PeopleNamed(DealTrackerDbContext db, string pattern) =>
        db.Individuals.Where(i => EF.Functions.ILike(i.GivenName + " " + i.FamilyName, pattern, "\\")).Select(i => i.Id);
}
