using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Search;

/// <summary>
/// The app-bar search: leads, deals, organizations, individuals and contacts whose names contain the term, a few of
/// each kind with the total per kind. Leads and deals only as far as the acting user may see them (the ownership rule
/// of <see cref="Access"/>); the parties are shared by everyone. Two queries per kind, each through a trigram index.
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
        if (!IsLongEnough(clean) || SearchPattern.Contains(clean) is not { } p)
            return SearchResults.None(clean);
        var take = Math.Clamp(perKind, 1, MaxPerKind);
        await using var db = await factory.CreateDbContextAsync(ct);
        var groups = new List<SearchGroup>();

        // Counted from the search texts alone (they carry the lead's owner for the visibility rule).
        var matchingLeads = LeadSearch.Matching(db, p).VisibleTo(actor);
        var leadIds = matchingLeads.Select(m => m.Id);
        var leads = db.Leads.AsNoTracking().Where(l => leadIds.Contains(l.Id));
        await AddAsync(groups, SearchKind.Lead, matchingLeads, leads.OrderBy(l => l.Title).ThenBy(l => l.Id).Take(take)
            .Select(l => new SearchHit(SearchKind.Lead, l.Id, l.Title,
                l.Deal.Name + (l.Status != null ? " · " + l.Status.Stage : ""))), ct);

        var deals = db.Deals.AsNoTracking().VisibleTo(actor).Where(d => EF.Functions.ILike(d.Name, p, "\\"));
        await AddAsync(groups, SearchKind.Deal, deals, deals.OrderBy(d => d.Name).ThenBy(d => d.Id).Take(take)
            .Select(d => new SearchHit(SearchKind.Deal, d.Id, d.Name,
                d.Leads.Count == 1 ? "1 lead" : d.Leads.Count + " leads")), ct);

        var organizations = db.Organizations.AsNoTracking().Where(o => EF.Functions.ILike(o.Name, p, "\\"));
        await AddAsync(groups, SearchKind.Organization, organizations, organizations.OrderBy(o => o.Name).ThenBy(o => o.Id)
            .Take(take).Select(o => new SearchHit(SearchKind.Organization, o.Id, o.Name, o.Website)), ct);

        var people = LeadSearch.PeopleNamed(db, p);
        var individuals = db.Individuals.AsNoTracking().Where(i => people.Contains(i.Id));
        await AddAsync(groups, SearchKind.Individual, individuals, individuals.OrderBy(i => i.FamilyName)
            .ThenBy(i => i.GivenName).ThenBy(i => i.Id).Take(take)
            .Select(i => new SearchHit(SearchKind.Individual, i.Id, i.GivenName + " " + i.FamilyName, i.Email)), ct);

        var contacts = db.Contacts.AsNoTracking().Where(c => people.Contains(c.IndividualId));
        await AddAsync(groups, SearchKind.Contact, contacts, contacts.OrderBy(c => c.Individual.FamilyName)
            .ThenBy(c => c.Individual.GivenName).ThenBy(c => c.Id).Take(take)
            .Select(c => new SearchHit(SearchKind.Contact, c.Id, c.Individual.GivenName + " " + c.Individual.FamilyName,
                c.Organization == null ? c.Title : (c.Title == null ? "" : c.Title + ", ") + c.Organization.Name)), ct);

        return new SearchResults(clean, groups);
    }

    private static async Task AddAsync<T>(List<SearchGroup> groups, SearchKind kind, IQueryable<T> matching,
        IQueryable<SearchHit> first, CancellationToken ct)
    {
        var hits = await first.ToListAsync(ct);
        if (hits.Count == 0)
            return;
        var total = await matching.CountAsync(ct);
        groups.Add(new SearchGroup(kind, hits, total));
    }
}
