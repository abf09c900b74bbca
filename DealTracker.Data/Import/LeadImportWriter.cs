using DealTracker.Data.Deals;
using DealTracker.Data.Entities;
using DealTracker.Data.Leads;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>
/// Writes a checked lead file inside the import's transaction: first the deals, organizations and individuals the file
/// introduces, then the leads with their status and links, <see cref="ChunkSize"/> at a time. New records go in through
/// <see cref="BulkInsert"/> (one statement per table and chunk); matched leads are updated through EF Core, the change
/// tracker cleared between chunks so memory stays flat however long the file.
/// </summary>
internal sealed class LeadImportWriter(LeadImport import, DealTrackerDbContext db)
{
    private const int ChunkSize = 2500;

    private readonly BulkInsert _bulk = new(db);

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
            await InsertLeadsAsync(chunk.Where(c => c.Row.MatchedId is null).Select(c => Resolve(c.Values)).ToList(), ct);
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
        var deals = import.NewDeals.Where(d => usedDeals.Contains(d.Key)).ToList();
        var organizations = import.Lookups.Organizations.Introduced.Where(o => usedOrganizations.Contains(o.TemporaryId)).ToList();
        var individuals = import.Lookups.Individuals.Introduced.Where(i => usedIndividuals.Contains(i.TemporaryId))
            .Select(i => (i.TemporaryId, Name: NewIndividualName.Split(i.Name)!.Value)).ToList();

        var dealIds = await _bulk.NextIdsAsync("deals", deals.Count, ct);
        var inputs = deals.Select(d => d.Value).ToList();
        await _bulk.InsertAsync("deals",
        [
            ("id", dealIds), ("name", inputs.Select(d => d.Name).ToArray()), ("description", inputs.Select(d => d.Description).ToArray()),
            ("value_amount", inputs.Select(d => d.ValueAmount).ToArray()), ("value_currency", inputs.Select(d => d.ValueCurrency).ToArray()),
            ("probability", inputs.Select(d => d.Probability).ToArray()), ("close_date", inputs.Select(d => d.CloseDate).ToArray()),
            ("owner_user_id", inputs.Select(d => d.OwnerUserId).ToArray()),
        ], ["created_at", "updated_at"], ct);
        var organizationIds = await _bulk.NextIdsAsync("organizations", organizations.Count, ct);
        await _bulk.InsertAsync("organizations", [("id", organizationIds), ("name", organizations.Select(o => o.Name).ToArray())],
            ["created_at", "updated_at"], ct);
        var individualIds = await _bulk.NextIdsAsync("individuals", individuals.Count, ct);
        await _bulk.InsertAsync("individuals",
        [
            ("id", individualIds), ("given_name", individuals.Select(i => i.Name.Given).ToArray()),
            ("family_name", individuals.Select(i => i.Name.Family).ToArray()),
        ], ["created_at", "updated_at"], ct);
        for (var k = 0; k < deals.Count; k++)
            _realIdOfDeal[deals[k].Key] = dealIds[k];
        for (var k = 0; k < organizations.Count; k++)
            _realIdOfOrganization[organizations[k].TemporaryId] = organizationIds[k];
        for (var k = 0; k < individuals.Count; k++)
            _realIdOfIndividual[individuals[k].TemporaryId] = individualIds[k];
    }

    /// <summary>New leads with their status and links: one INSERT per table, as EF Core would write each lead.</summary>
    private async Task InsertLeadsAsync(List<LeadValues> leads, CancellationToken ct)
    {
        var ids = await _bulk.NextIdsAsync("leads", leads.Count, ct);
        await _bulk.InsertAsync("leads",
        [
            ("id", ids), ("deal_id", leads.Select(l => l.DealId).ToArray()), ("title", leads.Select(l => l.Title).ToArray()),
            ("description", leads.Select(l => l.Description).ToArray()), ("source", leads.Select(l => l.Source).ToArray()),
            ("owner_user_id", leads.Select(l => l.OwnerUserId).ToArray()), ("next_step", leads.Select(l => l.NextStep?.What).ToArray()),
            ("next_step_due_on", leads.Select(l => l.NextStep?.DueOn).ToArray()),
            ("next_step_due_time", leads.Select(l => l.NextStep?.DueTime).ToArray()),
        ], ["created_at", "updated_at"], ct);
        await _bulk.InsertAsync("lead_status",
            [("lead_id", ids), ("stage", leads.Select(l => l.Stage).ToArray()), ("reason", leads.Select(l => l.Reason).ToArray())],
            ["updated_at"], ct);
        await InsertLinksAsync("lead_organizations", "organization_id", "relationship", ids,
            leads.Select(l => l.Organizations.Select(o => (o.PartyId, o.Relationship, o.IsPrimary))), ct);
        await InsertLinksAsync("lead_individuals", "individual_id", "relationship", ids,
            leads.Select(l => l.Individuals.Select(i => (i.PartyId, i.Relationship, i.IsPrimary))), ct);
        await InsertLinksAsync("lead_contacts", "contact_id", "role_on_lead", ids,
            leads.Select(l => l.Contacts.Select(c => (c.ContactId, c.RoleOnLead, c.IsPrimary))), ct);
    }

    private Task InsertLinksAsync(string table, string targetColumn, string detailColumn, long[] leadIds,
        IEnumerable<IEnumerable<(long TargetId, string? Detail, bool IsPrimary)>> linksPerLead, CancellationToken ct)
    {
        var links = linksPerLead.SelectMany((links, k) => links.Select(l => (LeadId: leadIds[k], l.TargetId, l.Detail, l.IsPrimary))).ToList();
        return _bulk.InsertAsync(table,
        [
            ("lead_id", links.Select(l => l.LeadId).ToArray()), (targetColumn, links.Select(l => l.TargetId).ToArray()),
            (detailColumn, links.Select(l => l.Detail).ToArray()), ("is_primary", links.Select(l => l.IsPrimary).ToArray()),
        ], ["created_at"], ct);
    }

    private LeadValues Resolve(LeadValues v) => v with
    {
        DealId = Real(_realIdOfDeal, v.DealId),
        Organizations = v.Organizations.Select(o => o with { PartyId = Real(_realIdOfOrganization, o.PartyId) }).ToList(),
        Individuals = v.Individuals.Select(i => i with { PartyId = Real(_realIdOfIndividual, i.PartyId) }).ToList(),
    };

    private static long Real(Dictionary<long, long> realIds, long id) => id < 0 ? realIds[id] : id;

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
