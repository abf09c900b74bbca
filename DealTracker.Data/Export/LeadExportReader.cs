using System.Runtime.CompilerServices;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.Ownership;
using DealTracker.Data.Pipeline;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Export;

/// <summary>
/// Reads the leads of /leads (for its <see cref="LeadListQuery"/>, all pages, its sort) or of the board (for its
/// <see cref="PipelineFilter"/>, in column order) as export rows. The ids come from the very query the page runs;
/// the rows with their deal, stage, owner and links are read <see cref="IdBatches.Size"/> at a time. Only leads the
/// acting user may see.
/// </summary>
public sealed class LeadExportReader(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor, LeadQueries list,
    Infrastructure.AppClock clock)
{
    public async IAsyncEnumerable<LeadExportRow> ReadAsync(LeadListQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await foreach (var row in ReadInBatchesAsync(list.OrderedIds(db, query).AsAsyncEnumerable(), ct))
            yield return row;
    }

    public async IAsyncEnumerable<LeadExportRow> ReadAsync(PipelineFilter filter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var board = new PipelineQuery(filter, actor, clock);
        var sql = board.OrderedLeadIds();
        var ids = db.Database.SqlQueryRaw<long>(sql, board.Parameters.ToArray<object>()).AsAsyncEnumerable();
        await foreach (var row in ReadInBatchesAsync(ids, ct))
            yield return row;
    }

    private async IAsyncEnumerable<LeadExportRow> ReadInBatchesAsync(IAsyncEnumerable<long> ids, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await foreach (var row in IdBatches.LoadAsync(ids, batch => LoadAsync(db, batch, ct), ct))
            yield return row;
    }

    /// <summary>
    /// A batch's leads in four plain statements (leads, then each link table by its lead_id index), joined here: a
    /// split query through the leads made PostgreSQL hash whole link tables for every batch.
    /// </summary>
    private async Task<Dictionary<long, LeadExportRow>> LoadAsync(DealTrackerDbContext db, long[] ids, CancellationToken ct)
    {
        var leads = await db.Leads.AsNoTracking().VisibleTo(actor).Where(l => ids.Contains(l.Id))
            .Select(l => new
            {
                l.Id, l.Title, l.Description, l.Source, l.DealId, DealName = l.Deal.Name, l.Deal.ValueAmount,
                l.Deal.ValueCurrency, l.Deal.Probability, l.Deal.CloseDate,
                Stage = l.Status != null ? l.Status.Stage : null, Reason = l.Status != null ? l.Status.Reason : null,
                OwnerEmail = db.Users.Where(u => u.Id == l.OwnerUserId).Select(u => u.Email).FirstOrDefault(),
                l.NextStep, l.NextStepDueOn, l.NextStepDueTime, l.CreatedAt, l.UpdatedAt,
            })
            .ToListAsync(ct);
        var organizations = (await db.LeadOrganizations.AsNoTracking().Where(o => ids.Contains(o.LeadId))
            .Select(o => new { o.LeadId, Link = new LeadExportLink(o.OrganizationId, o.Organization.Name, o.Relationship, o.IsPrimary) })
            .ToListAsync(ct)).ToLookup(o => o.LeadId, o => o.Link);
        var individuals = (await db.LeadIndividuals.AsNoTracking().Where(i => ids.Contains(i.LeadId))
            .Select(i => new
            {
                i.LeadId,
                Link = new LeadExportLink(i.IndividualId, i.Individual.GivenName + " " + i.Individual.FamilyName, i.Relationship, i.IsPrimary),
            })
            .ToListAsync(ct)).ToLookup(i => i.LeadId, i => i.Link);
        var contacts = (await db.LeadContacts.AsNoTracking().Where(c => ids.Contains(c.LeadId))
            .Select(c => new
            {
                c.LeadId,
                Link = new LeadExportLink(c.ContactId,
                    c.Contact.Individual.GivenName + " " + c.Contact.Individual.FamilyName
                        + (c.Contact.Organization != null ? " at " + c.Contact.Organization.Name : ""),
                    c.RoleOnLead, c.IsPrimary),
            })
            .ToListAsync(ct)).ToLookup(c => c.LeadId, c => c.Link);
        return leads.ToDictionary(l => l.Id, l => new LeadExportRow(l.Id, l.Title, l.Description, l.Source, l.DealId, l.DealName,
            l.ValueAmount, l.ValueCurrency, l.Probability, l.CloseDate, l.Stage, l.Reason, l.OwnerEmail,
            l.NextStep, l.NextStepDueOn, l.NextStepDueTime,
            LeadExportLink.InExportOrder(organizations[l.Id]), LeadExportLink.InExportOrder(individuals[l.Id]),
            LeadExportLink.InExportOrder(contacts[l.Id]), l.CreatedAt, l.UpdatedAt));
    }
}
