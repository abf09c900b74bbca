using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Parties;

/// <summary>
/// Reads for organizations, individuals and contacts: paged lists, record pages with what links to them, type-ahead
/// lookups and the duplicate checks a form offers before saving. A fixed number of queries each. The parties are not
/// owned, but the leads they list (and count) are only those the acting user may see.
/// </summary>
public sealed class PartyQueries(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{

    public async Task<PageOf<OrganizationRow>> ListOrganizationsAsync(string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var visibleLinks = Visibility.Through<LeadOrganization>(actor, l => l.Lead);
        var orgs = OrganizationsMatching(db, search);
        var total = await orgs.CountAsync(ct);
        var rows = await Paged(InListOrder(orgs), page, pageSize)
            .Select(o => new OrganizationRow(o.Id, o.Name, o.Website, o.Phone, o.Contacts.Count,
                o.Leads.AsQueryable().Count(visibleLinks)))
            .ToListAsync(ct);
        return new PageOf<OrganizationRow>(rows, total);
    }

    public async Task<PageOf<IndividualRow>> ListIndividualsAsync(string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var visibleLinks = Visibility.Through<LeadIndividual>(actor, l => l.Lead);
        var people = IndividualsMatching(db, search);
        var total = await people.CountAsync(ct);
        var rows = await Paged(InListOrder(people), page, pageSize)
            .Select(i => new IndividualRow(i.Id, i.GivenName + " " + i.FamilyName, i.Email, i.Phone, i.Contacts.Count,
                i.Leads.AsQueryable().Count(visibleLinks)))
            .ToListAsync(ct);
        return new PageOf<IndividualRow>(rows, total);
    }

    public async Task<PageOf<ContactRow>> ListContactsAsync(string? search, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var contacts = ContactsMatching(db, search);
        var total = await contacts.CountAsync(ct);
        var rows = await Paged(InListOrder(contacts), page, pageSize).Select(ToRow).ToListAsync(ct);
        return new PageOf<ContactRow>(rows, total);
    }

    /// <summary>The organization with its contacts and the leads it is linked to, in one query.</summary>
    public async Task<OrganizationDetails?> GetOrganizationAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var visibleLinks = Visibility.Through<LeadOrganization>(actor, l => l.Lead);
        return await db.Organizations.AsNoTracking().AsSplitQuery().Where(o => o.Id == id)
            .Select(o => new OrganizationDetails(o.Id, o.Name, o.Website, o.Phone, o.Notes, o.Version,
                o.Contacts.OrderBy(c => c.Individual.FamilyName).ThenBy(c => c.Id).Select(c => new ContactRow(c.Id,
                    c.IndividualId, c.Individual.GivenName + " " + c.Individual.FamilyName, c.OrganizationId, o.Name,
                    c.Title, c.Department, c.Email, c.Phone)).ToList(),
                o.Leads.AsQueryable().Where(visibleLinks)
                    .OrderBy(l => l.Lead.Title).ThenBy(l => l.LeadId).Select(l => new PartyLeadRow(l.LeadId, l.Lead.Title,
                    l.Lead.Deal.Name, l.Lead.Status != null ? l.Lead.Status.Stage : "", l.Relationship, l.IsPrimary)).ToList()))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The individual with their contacts (roles at organizations) and the leads they are on, in one query: directly, or
    /// through one of their contact records (a person whose contact is on a lead is on that lead).
    /// </summary>
    public async Task<IndividualDetails?> GetIndividualAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var visibleLinks = Visibility.Through<LeadIndividual>(actor, l => l.Lead);
        var visibleContactLinks = Visibility.Through<LeadContact>(actor, l => l.Lead);
        var found = await db.Individuals.AsNoTracking().AsSplitQuery().Where(i => i.Id == id)
            .Select(i => new
            {
                Details = new IndividualDetails(i.Id, i.GivenName, i.FamilyName, i.Email, i.Phone, i.Notes, i.Version,
                    i.Contacts.OrderBy(c => c.Organization != null ? c.Organization.Name : "").ThenBy(c => c.Id).Select(c => new ContactRow(
                        c.Id, c.IndividualId, i.GivenName + " " + i.FamilyName, c.OrganizationId,
                        c.Organization != null ? c.Organization.Name : null, c.Title, c.Department, c.Email, c.Phone)).ToList(),
                    i.Leads.AsQueryable().Where(visibleLinks)
                        .Select(l => new PartyLeadRow(l.LeadId, l.Lead.Title, l.Lead.Deal.Name,
                            l.Lead.Status != null ? l.Lead.Status.Stage : "", l.Relationship, l.IsPrimary, null)).ToList()),
                AsContact = i.Contacts.SelectMany(c => c.Leads.AsQueryable().Where(visibleContactLinks)
                    .Select(l => new PartyLeadRow(l.LeadId, l.Lead.Title, l.Lead.Deal.Name,
                        l.Lead.Status != null ? l.Lead.Status.Stage : "", l.RoleOnLead, l.IsPrimary,
                        c.Organization != null ? "as contact at " + c.Organization.Name : "as contact"))).ToList(),
            })
            .FirstOrDefaultAsync(ct);
        return found is null ? null : found.Details with
        {
            Leads = found.Details.Leads.Concat(found.AsContact).OrderBy(l => l.Title, StringComparer.CurrentCultureIgnoreCase)
                .ThenBy(l => l.LeadId).ThenBy(l => l.Via is not null).ToList(),
        };
    }

    public async Task<ContactDetails?> GetContactAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var visibleLinks = Visibility.Through<LeadContact>(actor, l => l.Lead);
        return await db.Contacts.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new ContactDetails(c.Id, c.IndividualId, c.Individual.GivenName + " " + c.Individual.FamilyName,
                c.OrganizationId, c.Organization != null ? c.Organization.Name : null, c.Title, c.Department, c.Email,
                c.Phone, c.IsPrimary, c.Version,
                c.Leads.AsQueryable().Where(visibleLinks)
                    .OrderBy(l => l.Lead.Title).ThenBy(l => l.LeadId).Select(l => new PartyLeadRow(l.LeadId, l.Lead.Title,
                    l.Lead.Deal.Name, l.Lead.Status != null ? l.Lead.Status.Stage : "", l.RoleOnLead, l.IsPrimary)).ToList()))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The existing organization with this name, ignoring case and surrounding spaces: offered instead of a duplicate.</summary>
    public async Task<Choice?> FindOrganizationByNameAsync(string? name, long? exceptId = null, CancellationToken ct = default)
    {
        if (Text.Clean(name, "Name") is not { } clean)
            return null;
        var lower = clean.ToLowerInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Organizations.AsNoTracking()
            .Where(o => o.Name.ToLower() == lower && o.Id != (exceptId ?? 0))
            .Select(o => new Choice(o.Id, o.Name, o.Website)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Individuals who already have this email (ignoring case): the form warns before saving another.</summary>
    public async Task<IReadOnlyList<Choice>> FindIndividualsByEmailAsync(string? email, long? exceptId = null, CancellationToken ct = default)
    {
        if (Text.Clean(email, "Email") is not { } clean)
            return [];
        var lower = clean.ToLowerInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Individuals.AsNoTracking()
            .Where(i => i.Email != null && i.Email.ToLower() == lower && i.Id != (exceptId ?? 0))
            .OrderBy(i => i.Id).Take(5)
            .Select(i => new Choice(i.Id, i.GivenName + " " + i.FamilyName, i.Email)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Choice>> SearchOrganizationsAsync(string? term, int limit = 10, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var orgs = db.Organizations.AsNoTracking();
        if (SearchPattern.Contains(term) is { } p)
            orgs = orgs.Where(o => EF.Functions.ILike(o.Name, p, "\\"));
        return await orgs.OrderBy(o => o.Name).ThenBy(o => o.Id).Take(Math.Clamp(limit, 1, 50))
            .Select(o => new Choice(o.Id, o.Name, o.Website)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Choice>> SearchIndividualsAsync(string? term, int limit = 10, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var people = db.Individuals.AsNoTracking();
        if (SearchPattern.Contains(term) is { } p)
            people = people.Where(i => EF.Functions.ILike(i.GivenName + " " + i.FamilyName, p, "\\")
                || EF.Functions.ILike(i.Email ?? "", p, "\\"));
        return await people.OrderBy(i => i.FamilyName).ThenBy(i => i.GivenName).ThenBy(i => i.Id).Take(Math.Clamp(limit, 1, 50))
            .Select(i => new Choice(i.Id, i.GivenName + " " + i.FamilyName, i.Email)).ToListAsync(ct);
    }

    /// <summary>Contacts whose person or organization matches; the detail says where they work and as what.</summary>
    public async Task<IReadOnlyList<Choice>> SearchContactsAsync(string? term, int limit = 10, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var found = await InListOrder(ContactsMatching(db, term))
            .Take(Math.Clamp(limit, 1, 50)).Select(ToRow).ToListAsync(ct);
        return found.Select(c => new Choice(c.Id, c.IndividualName, ContactDetail(c.Title, c.OrganizationName))).ToList();
    }

    public static string? ContactDetail(string? title, string? organization) =>
        (title, organization) switch
        {
            (null, null) => null,
            (null, _) => organization,
            (_, null) => title,
            _ => $"{title}, {organization}",
        };

    /// <summary>The organizations /organizations lists for this search (all pages): by name or website.</summary>
    internal static IQueryable<Organization> OrganizationsMatching(DealTrackerDbContext db, string? search)
    {
        var orgs = db.Organizations.AsNoTracking();
        if (SearchPattern.Contains(search) is { } p)
            orgs = orgs.Where(o => EF.Functions.ILike(o.Name, p, "\\") || EF.Functions.ILike(o.Website ?? "", p, "\\"));
        return orgs;
    }

    /// <summary>The individuals /individuals lists for this search (all pages): by name or email.</summary>
    internal static IQueryable<Individual> IndividualsMatching(DealTrackerDbContext db, string? search)
    {
        var people = db.Individuals.AsNoTracking();
        if (SearchPattern.Contains(search) is { } p)
            people = people.Where(i => EF.Functions.ILike(i.GivenName + " " + i.FamilyName, p, "\\")
                || EF.Functions.ILike(i.Email ?? "", p, "\\"));
        return people;
    }

    internal static IOrderedQueryable<Organization> InListOrder(IQueryable<Organization> orgs) =>
        orgs.OrderBy(o => o.Name).ThenBy(o => o.Id);

    internal static IOrderedQueryable<Individual> InListOrder(IQueryable<Individual> people) =>
        people.OrderBy(i => i.FamilyName).ThenBy(i => i.GivenName).ThenBy(i => i.Id);

    internal static IOrderedQueryable<Contact> InListOrder(IQueryable<Contact> contacts) =>
        contacts.OrderBy(c => c.Individual.FamilyName).ThenBy(c => c.Individual.GivenName).ThenBy(c => c.Id);

    /// <summary>The contacts /contacts lists for this search (all pages): by person, organization or email.</summary>
    internal static IQueryable<Contact> ContactsMatching(DealTrackerDbContext db, string? search)
    {
        var contacts = db.Contacts.AsNoTracking();
        if (SearchPattern.Contains(search) is { } p)
            contacts = contacts.Where(c => EF.Functions.ILike(c.Individual.GivenName + " " + c.Individual.FamilyName, p, "\\")
                || EF.Functions.ILike(c.Organization!.Name ?? "", p, "\\")
                || EF.Functions.ILike(c.Email ?? "", p, "\\"));
        return contacts;
    }

    private static readonly System.Linq.Expressions.Expression<Func<Contact, ContactRow>> ToRow = c => new ContactRow(c.Id,
        c.IndividualId, c.Individual.GivenName + " " + c.Individual.FamilyName, c.OrganizationId,
        c.Organization != null ? c.Organization.Name : null, c.Title, c.Department, c.Email, c.Phone);

    private static IQueryable<T> Paged<T>(IQueryable<T> source, int page, int pageSize)
    {
        var size = Math.Clamp(pageSize, 1, 100);
        return source.Skip(Math.Max(0, page) * size).Take(size);
    }
}
