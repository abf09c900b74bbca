using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.NextSteps;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>Everything a lead file is checked against, loaded in eight queries whatever the file's size.</summary>
internal sealed record LeadLookups(PartyNames Deals, PartyNames Organizations, PartyNames Individuals, PartyNames Contacts,
    ImportPicklists Picklists, ImportOwners Owners, Dictionary<long, LeadValues> Leads)
{
    public static async Task<LeadLookups> LoadAsync(DealTrackerDbContext db, IActingUser actor, CancellationToken ct)
    {
        var deals = await db.Deals.AsNoTracking().Select(d => new { d.Id, d.Name }).ToListAsync(ct);
        var organizations = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var individuals = await db.Individuals.AsNoTracking()
            .Select(i => new { i.Id, Name = i.GivenName + " " + i.FamilyName }).ToListAsync(ct);
        var contacts = await db.Contacts.AsNoTracking()
            .Select(c => new
            {
                c.Id,
                Name = c.Individual.GivenName + " " + c.Individual.FamilyName + (c.Organization != null ? " at " + c.Organization.Name : ""),
            })
            .ToListAsync(ct);
        return new LeadLookups(
            new PartyNames("deal", deals.Select(d => (d.Id, d.Name))),
            new PartyNames("organization", organizations.Select(o => (o.Id, o.Name))),
            new PartyNames("individual", individuals.Select(i => (i.Id, i.Name))),
            new PartyNames("contact", contacts.Select(c => (c.Id, c.Name))),
            await ImportPicklists.LoadAsync(db, ct), await ImportOwners.LoadAsync(db, actor, ct), await LoadLeadsAsync(db, ct));
    }

    private static async Task<Dictionary<long, LeadValues>> LoadLeadsAsync(DealTrackerDbContext db, CancellationToken ct)
    {
        var organizations = (await db.LeadOrganizations.AsNoTracking()
            .Select(o => new { o.LeadId, Link = new PartyLink(o.OrganizationId, o.Relationship, o.IsPrimary) }).ToListAsync(ct))
            .ToLookup(o => o.LeadId, o => o.Link);
        var individuals = (await db.LeadIndividuals.AsNoTracking()
            .Select(i => new { i.LeadId, Link = new PartyLink(i.IndividualId, i.Relationship, i.IsPrimary) }).ToListAsync(ct))
            .ToLookup(i => i.LeadId, i => i.Link);
        var contacts = (await db.LeadContacts.AsNoTracking()
            .Select(c => new { c.LeadId, Link = new ContactLink(c.ContactId, c.RoleOnLead, c.IsPrimary) }).ToListAsync(ct))
            .ToLookup(c => c.LeadId, c => c.Link);
        return await db.Leads.AsNoTracking()
            .Select(l => new
            {
                l.Id, l.Title, l.Description, l.Source, l.DealId, l.OwnerUserId,
                Stage = l.Status != null ? l.Status.Stage : "", Reason = l.Status != null ? l.Status.Reason : null,
                l.NextStep, l.NextStepDueOn, l.NextStepDueTime,
            })
            .ToDictionaryAsync(l => l.Id, l => new LeadValues(l.Title, l.Description, l.Source, l.DealId, l.OwnerUserId, l.Stage,
                l.Reason, organizations[l.Id].ToList(), individuals[l.Id].ToList(), contacts[l.Id].ToList(),
                l.NextStep is null ? null : new NextStepInput(l.NextStep, l.NextStepDueOn, l.NextStepDueTime)), ct);
    }
}
