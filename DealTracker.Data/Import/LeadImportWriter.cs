using DealTracker.Data.Deals;
using DealTracker.Data.Entities;
using DealTracker.Data.Leads;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>
/// Writes a checked lead file inside the import's transaction: first the deals, organizations and individuals the file
/// introduces (one AddRange each), then the leads with their status and links, <see cref="ChunkSize"/> at a time, the
/// change tracker cleared between chunks so memory stays flat however long the file.
/// </summary>
internal sealed class LeadImportWriter(LeadImport import, DealTrackerDbContext db)
{
    private const int ChunkSize = 1000;

    private readonly Dictionary<long, long> _realIdOfDeal = [];
    private readonly Dictionary<long, long> _realIdOfOrganization = [];
    private readonly Dictionary<long, long> _realIdOfIndividual = [];

    public async Task WriteAsync(IReadOnlyList<ImportPreviewRow> rows, IProgress<double>? progress, CancellationToken ct)
    {
        var values = rows.Select(r => (Row: r, Values: import.ValuesOf(r.RowNumber))).ToList();
        await CreateIntroducedAsync(values.Select(v => v.Values).ToList(), ct);
        var done = 0;
        foreach (var chunk in values.Chunk(ChunkSize))
        {
            var creates = chunk.Where(c => c.Row.MatchedId is null).Select(c => NewLead(Resolve(c.Values))).ToList();
            db.Leads.AddRange(creates);
            await UpdateAsync(chunk.Where(c => c.Row.MatchedId is not null).ToDictionary(c => c.Row.MatchedId!.Value, c => Resolve(c.Values)), ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += chunk.Length;
            progress?.Report(0.2 + 0.8 * done / values.Count);
        }
    }

    /// <summary>Only what rows being written use: a deal named only by a skipped row is not created.</summary>
    private async Task CreateIntroducedAsync(List<LeadValues> values, CancellationToken ct)
    {
        var usedDeals = values.Select(v => v.DealId).Where(id => id < 0).ToHashSet();
        var usedOrganizations = values.SelectMany(v => v.Organizations).Select(o => o.PartyId).Where(id => id < 0).ToHashSet();
        var usedIndividuals = values.SelectMany(v => v.Individuals).Select(i => i.PartyId).Where(id => id < 0).ToHashSet();
        var deals = import.NewDeals.Where(d => usedDeals.Contains(d.Key))
            .Select(d => (d.Key, Entity: NewDeal(d.Value))).ToList();
        var organizations = import.Lookups.Organizations.Introduced.Where(o => usedOrganizations.Contains(o.TemporaryId))
            .Select(o => (o.TemporaryId, Entity: new Organization { Name = o.Name })).ToList();
        var individuals = import.Lookups.Individuals.Introduced.Where(i => usedIndividuals.Contains(i.TemporaryId))
            .Select(i => (i.TemporaryId, Entity: NewIndividual(i.Name))).ToList();
        db.Deals.AddRange(deals.Select(d => d.Entity));
        db.Organizations.AddRange(organizations.Select(o => o.Entity));
        db.Individuals.AddRange(individuals.Select(i => i.Entity));
        await db.SaveChangesAsync(ct);
        foreach (var (temporary, deal) in deals)
            _realIdOfDeal[temporary] = deal.Id;
        foreach (var (temporary, org) in organizations)
            _realIdOfOrganization[temporary] = org.Id;
        foreach (var (temporary, person) in individuals)
            _realIdOfIndividual[temporary] = person.Id;
        db.ChangeTracker.Clear();
    }

    private static Deal NewDeal(DealInput input)
    {
        var deal = new Deal { Name = "" };
        DealValues.CopyTo(input, deal);
        return deal;
    }

    private static Individual NewIndividual(string name)
    {
        var (given, family) = NewIndividualName.Split(name)!.Value;
        return new Individual { GivenName = given, FamilyName = family };
    }

    private LeadValues Resolve(LeadValues v) => v with
    {
        DealId = Real(_realIdOfDeal, v.DealId),
        Organizations = v.Organizations.Select(o => o with { PartyId = Real(_realIdOfOrganization, o.PartyId) }).ToList(),
        Individuals = v.Individuals.Select(i => i with { PartyId = Real(_realIdOfIndividual, i.PartyId) }).ToList(),
    };

    private static long Real(Dictionary<long, long> realIds, long id) => id < 0 ? realIds[id] : id;

    private static Lead NewLead(LeadValues v) => new()
    {
        DealId = v.DealId, Title = v.Title, Description = v.Description, Source = v.Source, OwnerUserId = v.OwnerUserId,
        NextStep = v.NextStep?.What, NextStepDueOn = v.NextStep?.DueOn, NextStepDueTime = v.NextStep?.DueTime,
        Status = new LeadStatus { Stage = v.Stage, Reason = v.Reason },
        Organizations = v.Organizations.Select(o => new LeadOrganization
            { OrganizationId = o.PartyId, Relationship = o.Relationship, IsPrimary = o.IsPrimary }).ToList(),
        Individuals = v.Individuals.Select(i => new LeadIndividual
            { IndividualId = i.PartyId, Relationship = i.Relationship, IsPrimary = i.IsPrimary }).ToList(),
        Contacts = v.Contacts.Select(c => new LeadContact
            { ContactId = c.ContactId, RoleOnLead = c.RoleOnLead, IsPrimary = c.IsPrimary }).ToList(),
    };

    /// <summary>
    /// Matched leads take the row's fields, status and links (the file's links replace the lead's). Primaries are
    /// cleared and saved first, so moving the primary from one link to another never has two at once.
    /// </summary>
    private async Task UpdateAsync(Dictionary<long, LeadValues> updates, CancellationToken ct)
    {
        if (updates.Count == 0)
            return;
        var ids = updates.Keys.ToList();
        var leads = await db.Leads.Where(l => ids.Contains(l.Id)).Include(l => l.Status)
            .Include(l => l.Organizations).Include(l => l.Individuals).Include(l => l.Contacts).AsSplitQuery().ToListAsync(ct);
        foreach (var lead in leads)
        {
            lead.Organizations.ForEach(o => o.IsPrimary = false);
            lead.Individuals.ForEach(i => i.IsPrimary = false);
            lead.Contacts.ForEach(c => c.IsPrimary = false);
        }
        await db.SaveChangesAsync(ct);
        foreach (var lead in leads)
            Apply(lead, updates[lead.Id]);
    }

    private static void Apply(Lead lead, LeadValues v)
    {
        (lead.Title, lead.Description, lead.Source, lead.DealId, lead.OwnerUserId) = (v.Title, v.Description, v.Source, v.DealId, v.OwnerUserId);
        (lead.NextStep, lead.NextStepDueOn, lead.NextStepDueTime) = (v.NextStep?.What, v.NextStep?.DueOn, v.NextStep?.DueTime);
        lead.Status ??= new LeadStatus { LeadId = lead.Id, Stage = v.Stage };
        (lead.Status.Stage, lead.Status.Reason) = (v.Stage, v.Reason);
        Replace(lead.Organizations, v.Organizations, o => o.OrganizationId, p => new LeadOrganization { OrganizationId = p.PartyId },
            (o, p) => (o.Relationship, o.IsPrimary) = (p.Relationship, p.IsPrimary), p => p.PartyId);
        Replace(lead.Individuals, v.Individuals, i => i.IndividualId, p => new LeadIndividual { IndividualId = p.PartyId },
            (i, p) => (i.Relationship, i.IsPrimary) = (p.Relationship, p.IsPrimary), p => p.PartyId);
        Replace(lead.Contacts, v.Contacts, c => c.ContactId, p => new LeadContact { ContactId = p.ContactId },
            (c, p) => (c.RoleOnLead, c.IsPrimary) = (p.RoleOnLead, p.IsPrimary), p => p.ContactId);
        lead.UpdatedAt = DateTime.UtcNow;
    }

    private static void Replace<TLink, TPlan>(List<TLink> links, IReadOnlyList<TPlan> plan, Func<TLink, long> idOf,
        Func<TPlan, TLink> create, Action<TLink, TPlan> set, Func<TPlan, long> planId)
    {
        var wanted = plan.ToDictionary(planId);
        links.RemoveAll(l => !wanted.ContainsKey(idOf(l)));
        foreach (var p in plan)
        {
            var link = links.FirstOrDefault(l => idOf(l) == planId(p));
            if (link is null)
                links.Add(link = create(p));
            set(link, p);
        }
    }
}
