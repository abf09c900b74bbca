using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using DealTracker.Data.Picklists;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Leads;

/// <summary>
/// Creates leads, moves them through stages and links the parties involved, enforcing the lead rules. Scoped: every
/// call acts as <paramref name="actor"/>, and a lead the actor may not see is "not found or not yours".
/// </summary>
public sealed partial class LeadService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor)
{
    /// <summary>Creates the lead, its status (first active stage unless one is given) and its links in one transaction.</summary>
    public Task<long> CreateLeadAsync(NewLead input, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            var title = LeadRules.RequireTitle(input.Title);
            LeadRules.RequireParty(input.Organizations.Count + input.Individuals.Count);
            LeadRules.RequireDistinctAndOnePrimary(input.Organizations, input.Individuals, input.Contacts ?? []);

            if (!await db.Deals.VisibleTo(actor).AnyAsync(d => d.Id == input.DealId, ct))
                throw new RuleViolationException("Pick the deal this lead belongs to.", "Deal");
            var owner = Access.OwnerForNew(actor, input.OwnerUserId);

            var stage = string.IsNullOrWhiteSpace(input.Stage)
                ? await PicklistService.FirstActiveStageAsync(db, ct)
                : input.Stage.Trim();
            var stageOption = await PicklistService.EnsureAllowedAsync(db, PicklistCategories.Stage, stage, "Stage", "stage", ct);
            var reason = LeadRules.ReasonFor(stageOption!, stage, input.Reason);
            await LeadRules.EnsureLinksAllowedAsync(db, input.Organizations, input.Individuals, input.Contacts ?? [], ct);

            var lead = new Lead
            {
                DealId = input.DealId,
                Title = title,
                Description = Input.Optional(input.Description, Limits.LongText, "Description"),
                Source = Input.Optional(input.Source, Limits.Short, "Source"),
                OwnerUserId = owner,
                Status = new LeadStatus { Stage = stage, Reason = reason },
                Organizations = input.Organizations.Select(o => new LeadOrganization
                    { OrganizationId = o.PartyId, Relationship = Text.Clean(o.Relationship), IsPrimary = o.IsPrimary }).ToList(),
                Individuals = input.Individuals.Select(i => new LeadIndividual
                    { IndividualId = i.PartyId, Relationship = Text.Clean(i.Relationship), IsPrimary = i.IsPrimary }).ToList(),
                Contacts = (input.Contacts ?? []).Select(c => new LeadContact
                    { ContactId = c.ContactId, RoleOnLead = Text.Clean(c.RoleOnLead), IsPrimary = c.IsPrimary }).ToList(),
            };
            db.Leads.Add(lead);
            await db.SaveChangesAsync(ct);
            return lead.Id;
        }, ct);

    /// <summary>
    /// Moves a lead to another stage. <paramref name="expectedVersion"/> is the status version the caller saw: if
    /// someone else moved the lead since, the move is refused rather than silently overwriting theirs.
    /// </summary>
    public Task<StageMoved> MoveLeadToStageAsync(long leadId, string stage, string? reason, uint? expectedVersion,
        CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            await Access.RequireLeadAsync(db, actor, leadId, ct);
            var status = await db.LeadStatuses.Include(s => s.Lead).FirstOrDefaultAsync(s => s.LeadId == leadId, ct)
                ?? await NewStatusAsync(db, leadId, ct);
            if (expectedVersion is { } seen && seen != status.Version)
                throw new ConcurrencyConflictException(
                    $"Someone else moved \"{status.Lead.Title}\" to {status.Stage} first. The board now shows where it is.");

            stage = stage.Trim();
            var option = await PicklistService.EnsureAllowedAsync(db, PicklistCategories.Stage, stage, "Stage", "stage", ct,
                currentValue: status.Stage);
            status.Reason = LeadRules.ReasonFor(option!, stage, reason);
            status.Stage = stage;
            // A stage change is a change to the lead: its "last updated" moves too.
            db.Entry(status.Lead).State = EntityState.Modified;
            await db.SaveChangesAsync(ct);
            return new StageMoved(leadId, status.Stage, status.Reason, status.Version, status.UpdatedAt);
        }, ct);

    /// <summary>A lead written before every lead needed a status (the board's "(no stage)" column) gets one on its first move.</summary>
    private static async Task<LeadStatus> NewStatusAsync(DealTrackerDbContext db, long leadId, CancellationToken ct)
    {
        var lead = await db.Leads.FirstOrDefaultAsync(l => l.Id == leadId, ct)
            ?? throw new RecordNotFoundException("This lead no longer exists.");
        var status = new LeadStatus { LeadId = leadId, Lead = lead, Stage = "" };
        db.LeadStatuses.Add(status);
        return status;
    }

    public Task LinkOrganizationAsync(long leadId, PartyLink link, CancellationToken ct = default) =>
        LinkAsync<LeadOrganization>(leadId, link.PartyId, link.Relationship, link.IsPrimary,
            db => LeadRules.EnsureLinksAllowedAsync(db, [link], [], [], ct), ct);

    public Task LinkIndividualAsync(long leadId, PartyLink link, CancellationToken ct = default) =>
        LinkAsync<LeadIndividual>(leadId, link.PartyId, link.Relationship, link.IsPrimary,
            db => LeadRules.EnsureLinksAllowedAsync(db, [], [link], [], ct), ct);

    public Task LinkContactAsync(long leadId, ContactLink link, CancellationToken ct = default) =>
        LinkAsync<LeadContact>(leadId, link.ContactId, link.RoleOnLead, link.IsPrimary,
            db => LeadRules.EnsureLinksAllowedAsync(db, [], [], [link], ct), ct);

    public Task UnlinkOrganizationAsync(long leadId, long organizationId, CancellationToken ct = default) =>
        UnlinkAsync<LeadOrganization>(leadId, organizationId, RequireAnotherPartyAsync, ct);

    public Task UnlinkIndividualAsync(long leadId, long individualId, CancellationToken ct = default) =>
        UnlinkAsync<LeadIndividual>(leadId, individualId, RequireAnotherPartyAsync, ct);

    /// <summary>A contact is not a party of the lead: the last one may go.</summary>
    public Task UnlinkContactAsync(long leadId, long contactId, CancellationToken ct = default) =>
        UnlinkAsync<LeadContact>(leadId, contactId, RequireLeadAsync, ct);

    private Task LinkAsync<T>(long leadId, long targetId, string? value, bool isPrimary,
        Func<DealTrackerDbContext, Task> ensureAllowed, CancellationToken ct) where T : class, ILeadLink =>
        factory.WriteAsync(actor, async db =>
        {
            await RequireLeadAsync(db, leadId, ct);
            await ensureAllowed(db);
            await LeadLinks.LinkAsync<T>(db, leadId, targetId, value, isPrimary, ct);
        }, ct);

    private Task UnlinkAsync<T>(long leadId, long targetId,
        Func<DealTrackerDbContext, long, CancellationToken, Task> require, CancellationToken ct) where T : class, ILeadLink =>
        factory.WriteAsync(actor, async db =>
        {
            await require(db, leadId, ct);
            await LeadLinks.UnlinkAsync<T>(db, leadId, targetId, ct);
        }, ct);

    /// <summary>Deletes the lead with its status and links (the database cascades them).</summary>
    public Task DeleteLeadAsync(long leadId, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            if (await db.Leads.VisibleTo(actor).Where(l => l.Id == leadId).ExecuteDeleteAsync(ct) == 0)
                await RequireLeadAsync(db, leadId, ct);
        }, ct);

    private Task RequireLeadAsync(DealTrackerDbContext db, long leadId, CancellationToken ct) =>
        Access.RequireLeadAsync(db, actor, leadId, ct);

    private async Task RequireAnotherPartyAsync(DealTrackerDbContext db, long leadId, CancellationToken ct)
    {
        await RequireLeadAsync(db, leadId, ct);
        var parties = await db.Leads.Where(l => l.Id == leadId)
            .Select(l => l.Organizations.Count + l.Individuals.Count).FirstAsync(ct);
        LeadRules.RequireParty(parties - 1, removing: true);
    }
}
