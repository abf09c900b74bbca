using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Search;

/// <summary>
/// Which leads a search term finds: its title, its deal's name, or the name of an organization, person or contact on
/// it. One rule for the /leads list and the app-bar search. Written as a union of one indexed lookup per name (the
/// pg_trgm indexes of migration SearchTrigramIndexes) rather than one OR over subqueries, which PostgreSQL can only
/// answer by reading every lead.
/// </summary>
public static class LeadSearch
{
    /// <param name="pattern">An ILIKE pattern from <see cref="Infrastructure.SearchPattern.Contains"/>.</param>
    public static IQueryable<long> MatchingLeadIds(DealTrackerDbContext db, string pattern)
    {
        var deals = db.Deals.Where(d => EF.Functions.ILike(d.Name, pattern, "\\")).Select(d => d.Id);
        var organizations = db.Organizations.Where(o => EF.Functions.ILike(o.Name, pattern, "\\")).Select(o => o.Id);
        var people = PeopleNamed(db, pattern);
        var contacts = db.Contacts.Where(c => people.Contains(c.IndividualId)).Select(c => c.Id);
        return db.Leads.Where(l => EF.Functions.ILike(l.Title, pattern, "\\")).Select(l => l.Id)
            .Union(db.Leads.Where(l => deals.Contains(l.DealId)).Select(l => l.Id))
            .Union(db.LeadOrganizations.Where(o => organizations.Contains(o.OrganizationId)).Select(o => o.LeadId))
            .Union(db.LeadIndividuals.Where(i => people.Contains(i.IndividualId)).Select(i => i.LeadId))
            .Union(db.LeadContacts.Where(c => contacts.Contains(c.ContactId)).Select(c => c.LeadId));
    }

    /// <summary>Individuals whose full name ("given family", the indexed expression) matches.</summary>
    public static IQueryable<long> PeopleNamed(DealTrackerDbContext db, string pattern) =>
        db.Individuals.Where(i => EF.Functions.ILike(i.GivenName + " " + i.FamilyName, pattern, "\\")).Select(i => i.Id);
}
