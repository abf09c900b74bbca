using DealTracker.Data.Deals;
using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using DealTracker.Data.Picklists;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Leads;

/// <summary>The lead editor's side: load one lead with everything on it, save all of it in one transaction.</summary>
public sealed partial class LeadService
{
    /// <summary>
    /// The lead with its status, deal, owner and parties; null when it does not exist. A lead the actor may not see
    /// throws <see cref="RecordNotFoundException"/> ("not found, or it is not yours").
    /// </summary>
    public async Task<LeadForEdit?> GetLeadForEditAsync(long leadId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var lead = await ForEdit(db, leadId, actor).FirstOrDefaultAsync(ct);
        if (lead is not null)
            await Access.RequireLeadAsync(db, actor, leadId, ct);
        return lead;
    }

    /// <summary>
    /// Saves the editor's changes: the lead's fields, its status and the full set of its party rows, in one
    /// transaction. <paramref name="original"/> is the lead as the user loaded it: if anyone has changed it since,
    /// nothing is saved and <see cref="LeadEditConflictException"/> says what they changed. To keep the user's
    /// version deliberately, save again with the conflict's <c>Current</c> as the original.
    /// </summary>
    public Task<LeadForEdit> UpdateLeadAsync(LeadForEdit original, LeadChanges changes, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            var title = LeadRules.RequireTitle(changes.Title);
            var description = Input.Optional(changes.Description, Limits.LongText, "Description");
            var source = Input.Optional(changes.Source, Limits.Short, "Source");
            LeadRules.RequireParty(changes.Organizations.Count + changes.Individuals.Count);
            LeadRules.RequireDistinctAndOnePrimary(changes.Organizations, changes.Individuals, changes.Contacts);

            // Hold the lead row until commit, so the comparison below cannot race another editor's save.
            await Access.RequireLeadAsync(db, actor, original.Id, ct);
            await db.Database.ExecuteSqlAsync($"SELECT id FROM leads WHERE id = {original.Id} FOR UPDATE", ct);
            var current = await ForEdit(db, original.Id, actor).FirstOrDefaultAsync(ct)
                ?? throw new RecordNotFoundException("This lead no longer exists: someone deleted it.");
            var theirs = Differences(original, current);
            if (theirs.Count > 0)
                throw new LeadEditConflictException(current, theirs);

            OwnerChange.Require(actor, current.OwnerUserId, changes.OwnerUserId, "lead");
            if (changes.OwnerUserId != current.OwnerUserId)
                await OwnershipService.RequireActiveUserAsync(db, changes.OwnerUserId, ct);
            // The lead's own deal stays, even when the actor sees it only through this lead; moving to another needs that deal.
            if (changes.DealId != current.DealId && !await db.Deals.VisibleTo(actor).AnyAsync(d => d.Id == changes.DealId, ct))
                throw new RuleViolationException("That deal no longer exists. Pick another.", "Deal");
            var stage = Text.Clean(changes.Stage, "Stage") ?? throw new RuleViolationException("Choose a stage.", "Stage");
            var option = await PicklistService.EnsureAllowedAsync(db, PicklistCategories.Stage, stage, "Stage", "stage", ct,
                currentValue: current.Stage);
            var reason = LeadRules.ReasonFor(option!, stage, changes.Reason);
            await LeadRules.EnsureLinksAllowedAsync(db, changes.Organizations, changes.Individuals, changes.Contacts, ct, current);

            // Primaries are unique per lead at every statement: clear the ones that change first, then set the chosen
            // ones. A primary that stays is left alone, so the history records no change that did not happen.
            await LeadLinks.ClearPrimaryAsync<LeadOrganization>(db, original.Id, changes.Organizations.FirstOrDefault(o => o.IsPrimary)?.PartyId, ct);
            await LeadLinks.ClearPrimaryAsync<LeadIndividual>(db, original.Id, changes.Individuals.FirstOrDefault(i => i.IsPrimary)?.PartyId, ct);
            await LeadLinks.ClearPrimaryAsync<LeadContact>(db, original.Id, changes.Contacts.FirstOrDefault(c => c.IsPrimary)?.ContactId, ct);

            var lead = await db.Leads.Include(l => l.Status).Include(l => l.Organizations).Include(l => l.Individuals)
                .Include(l => l.Contacts).AsSplitQuery().FirstAsync(l => l.Id == original.Id, ct);
            (lead.DealId, lead.Title, lead.Description, lead.Source) = (changes.DealId, title, description, source);
            lead.OwnerUserId = changes.OwnerUserId;
            if (lead.Status is null)
                lead.Status = new LeadStatus { Stage = stage, Reason = reason };
            else
                (lead.Status.Stage, lead.Status.Reason) = (stage, reason);
            LeadLinks.Sync(db, lead.Id, lead.Organizations, changes.Organizations.Select(w => (w.PartyId, w.Relationship, w.IsPrimary)).ToList());
            LeadLinks.Sync(db, lead.Id, lead.Individuals, changes.Individuals.Select(w => (w.PartyId, w.Relationship, w.IsPrimary)).ToList());
            LeadLinks.Sync(db, lead.Id, lead.Contacts, changes.Contacts.Select(w => (w.ContactId, w.RoleOnLead, w.IsPrimary)).ToList());
            // Any save is a change to the lead: "last updated" moves, and other editors see a new version.
            db.Entry(lead).State = EntityState.Modified;
            await db.SaveChangesAsync(ct);
            return await ForEdit(db, original.Id, actor).FirstAsync(ct);
        }, ct);

    /// <summary>Sources already used on leads, most used first: suggestions for the free-text Source field.</summary>
    public async Task<IReadOnlyList<string>> GetSourceSuggestionsAsync(string? term = null, int limit = 10,
        CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var sources = db.Leads.AsNoTracking().VisibleTo(actor).Where(l => l.Source != null);
        if (SearchPattern.Contains(term) is { } pattern)
            sources = sources.Where(l => EF.Functions.ILike(l.Source!, pattern, "\\"));
        return await sources.GroupBy(l => l.Source!)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => g.Key).Take(limit).ToListAsync(ct);
    }

    private static IQueryable<LeadForEdit> ForEdit(DealTrackerDbContext db, long leadId, IActingUser actor)
    {
        var openable = db.Deals.VisibleTo(actor);
        return db.Leads.AsNoTracking().AsSplitQuery().Where(l => l.Id == leadId).Select(l => new LeadForEdit(
            l.Id, l.DealId, l.Deal.Name, l.Title, l.Description, l.Source,
            l.Status != null ? l.Status.Stage : "", l.Status != null ? l.Status.Reason : null, l.UpdatedAt, l.Version,
            (uint?)l.Status!.Version,
            l.Organizations.OrderBy(o => o.CreatedAt).ThenBy(o => o.OrganizationId)
                .Select(o => new LeadPartyRow(o.OrganizationId, o.Organization.Name, o.Organization.Website, o.Relationship, o.IsPrimary))
                .ToList(),
            l.Individuals.OrderBy(i => i.CreatedAt).ThenBy(i => i.IndividualId)
                .Select(i => new LeadPartyRow(i.IndividualId, i.Individual.GivenName + " " + i.Individual.FamilyName,
                    i.Individual.Email, i.Relationship, i.IsPrimary))
                .ToList(),
            l.Contacts.OrderBy(c => c.CreatedAt).ThenBy(c => c.ContactId)
                .Select(c => new LeadContactRow(c.ContactId, c.Contact.Individual.GivenName + " " + c.Contact.Individual.FamilyName,
                    c.Contact.Organization != null ? c.Contact.Organization.Name : c.Contact.Title, c.RoleOnLead, c.IsPrimary))
                .ToList(),
            l.OwnerUserId, db.Users.Where(u => u.Id == l.OwnerUserId).Select(u => u.DisplayName).FirstOrDefault(),
            new LeadDealSummary(l.Deal.Name, l.Deal.ValueAmount, l.Deal.ValueCurrency ?? Currencies.Default, l.Deal.CloseDate,
                openable.Any(d => d.Id == l.DealId))));
    }

    /// <summary>What differs between the lead as the user loaded it and as it is now, field by field.</summary>
    internal static IReadOnlyList<FieldChange> Differences(LeadForEdit before, LeadForEdit now)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string? a, string? b)
        {
            if (a != b)
                changes.Add(new FieldChange(field, a, b));
        }
        Compare("Title", before.Title, now.Title);
        Compare("Description", before.Description, now.Description);
        Compare("Source", before.Source, now.Source);
        Compare("Deal", before.DealName, before.DealId == now.DealId ? before.DealName : now.DealName);
        Compare("Owner", before.OwnerName ?? "Unassigned", now.OwnerName ?? "Unassigned");
        Compare("Stage", before.Stage, now.Stage);
        Compare("Reason", before.Reason, now.Reason);
        Compare("Organizations", Parties(before.Organizations), Parties(now.Organizations));
        Compare("Individuals", Parties(before.Individuals), Parties(now.Individuals));
        Compare("Contacts", ContactList(before.Contacts), ContactList(now.Contacts));
        return changes;

        static string Parties(IReadOnlyList<LeadPartyRow> rows) => string.Join("; ", rows.OrderBy(r => r.PartyId)
            .Select(r => Describe(r.Name, r.Relationship, r.IsPrimary)));
        static string ContactList(IReadOnlyList<LeadContactRow> rows) => string.Join("; ", rows.OrderBy(r => r.ContactId)
            .Select(r => Describe(r.Name, r.RoleOnLead, r.IsPrimary)));
        static string Describe(string name, string? value, bool primary) =>
            name + (value is null ? "" : $" ({value})") + (primary ? " [primary]" : "");
    }
}
