using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Parties;

/// <summary>Organizations, individuals and contacts: the parties a lead links to.</summary>
public sealed partial class PartyService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    public Task<long> CreateOrganizationAsync(string name, string? website = null, string? phone = null,
        string? notes = null, CancellationToken ct = default) =>
        CreateOrganizationAsync(new OrganizationInput(name, website, phone, notes), ct);

    public Task<long> CreateOrganizationAsync(OrganizationInput input, CancellationToken ct) =>
        factory.WriteAsync(actor, async db =>
        {
            var org = new Organization { Name = "" };
            await ApplyAsync(db, org, input, ct);
            db.Organizations.Add(org);
            await db.SaveChangesAsync(ct);
            return org.Id;
        }, ct);

    public Task<long> CreateIndividualAsync(string givenName, string familyName, string? email = null,
        string? phone = null, string? notes = null, CancellationToken ct = default) =>
        CreateIndividualAsync(new IndividualInput(givenName, familyName, email, phone, notes), ct);

    public Task<long> CreateIndividualAsync(IndividualInput input, CancellationToken ct) =>
        factory.WriteAsync(actor, async db =>
        {
            var person = new Individual { GivenName = "", FamilyName = "" };
            Apply(person, input);
            db.Individuals.Add(person);
            await db.SaveChangesAsync(ct);
            return person.Id;
        }, ct);

    public Task<long> CreateContactAsync(long individualId, long? organizationId, string? title = null,
        string? department = null, string? email = null, string? phone = null, bool isPrimary = false,
        CancellationToken ct = default) =>
        CreateContactAsync(new ContactInput(individualId, organizationId, title, department, email, phone, isPrimary), ct);

    public Task<long> CreateContactAsync(ContactInput input, CancellationToken ct) =>
        factory.WriteAsync(actor, async db =>
        {
            var contact = new Contact();
            await ApplyAsync(db, contact, input, ct);
            db.Contacts.Add(contact);
            await db.SaveChangesAsync(ct);
            return contact.Id;
        }, ct);

    /// <summary>
    /// Deletes an organization: its lead links go, its contacts stay without an organization. Refused, naming the
    /// leads, where it is some lead's only party.
    /// </summary>
    public Task DeleteOrganizationAsync(long organizationId, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            var name = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstOrDefaultAsync(ct)
                ?? throw new RecordNotFoundException("This organization no longer exists.");
            var leads = await db.LeadOrganizations.Where(x => x.OrganizationId == organizationId)
                .Select(x => x.Lead)
                .Where(l => l.Organizations.Count + l.Individuals.Count == 1)
                .OrderBy(l => l.Title).Select(l => new LeadRef(l.Id, l.Title)).Take(20).ToListAsync(ct);
            RefuseIfOnlyParty(name, leads);
            await db.Organizations.Where(o => o.Id == organizationId).ExecuteDeleteAsync(ct);
        }, ct);

    /// <summary>Deletes an individual with their contacts and lead links; refused where they are a lead's only party.</summary>
    public Task DeleteIndividualAsync(long individualId, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            var name = await db.Individuals.Where(i => i.Id == individualId)
                .Select(i => i.GivenName + " " + i.FamilyName).FirstOrDefaultAsync(ct)
                ?? throw new RecordNotFoundException("This individual no longer exists.");
            var leads = await db.LeadIndividuals.Where(x => x.IndividualId == individualId)
                .Select(x => x.Lead)
                .Where(l => l.Organizations.Count + l.Individuals.Count == 1)
                .OrderBy(l => l.Title).Select(l => new LeadRef(l.Id, l.Title)).Take(20).ToListAsync(ct);
            RefuseIfOnlyParty(name, leads);
            await db.Individuals.Where(i => i.Id == individualId).ExecuteDeleteAsync(ct);
        }, ct);

    private static void RefuseIfOnlyParty(string name, IReadOnlyList<LeadRef> leads)
    {
        if (leads.Count == 0)
            return;
        var named = string.Join(", ", leads.Take(3).Select(l => $"\"{l.Title}\""));
        var more = leads.Count > 3 ? $" and {leads.Count - 3} more" : "";
        throw new PartyIsOnlyPartyException(
            $"{name} is the only individual or organization on the lead {named}{more}. " +
            "Add another party to that lead, or delete the lead, first.", leads);
    }
}
