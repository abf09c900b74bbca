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
public sealed class LeadExportReader(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor, LeadQueries list)
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
        var board = new PipelineQuery(filter, actor);
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

    private Task<Dictionary<long, LeadExportRow>> LoadAsync(DealTrackerDbContext db, long[] ids, CancellationToken ct) =>
        db.Leads.AsNoTracking().AsSplitQuery().VisibleTo(actor).Where(l => ids.Contains(l.Id))
            .Select(l => new LeadExportRow(
                l.Id, l.Title, l.Description, l.Source,
                l.DealId, l.Deal.Name, l.Deal.ValueAmount, l.Deal.ValueCurrency, l.Deal.Probability, l.Deal.CloseDate,
                l.Status != null ? l.Status.Stage : null, l.Status != null ? l.Status.Reason : null,
                db.Users.Where(u => u.Id == l.OwnerUserId).Select(u => u.Email).FirstOrDefault(),
                l.Organizations.OrderByDescending(o => o.IsPrimary).ThenBy(o => o.Organization.Name).ThenBy(o => o.OrganizationId)
                    .Select(o => new LeadExportLink(o.OrganizationId, o.Organization.Name, o.Relationship, o.IsPrimary)).ToList(),
                l.Individuals.OrderByDescending(i => i.IsPrimary).ThenBy(i => i.Individual.FamilyName)
                    .ThenBy(i => i.Individual.GivenName).ThenBy(i => i.IndividualId)
                    .Select(i => new LeadExportLink(i.IndividualId, i.Individual.GivenName + " " + i.Individual.FamilyName,
                        i.Relationship, i.IsPrimary)).ToList(),
                l.Contacts.OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Contact.Individual.FamilyName)
                    .ThenBy(c => c.Contact.Individual.GivenName).ThenBy(c => c.ContactId)
                    .Select(c => new LeadExportLink(c.ContactId,
                        c.Contact.Individual.GivenName + " " + c.Contact.Individual.FamilyName
                            + (c.Contact.Organization != null ? " at " + c.Contact.Organization.Name : ""),
                        c.RoleOnLead, c.IsPrimary)).ToList(),
                l.CreatedAt, l.UpdatedAt))
            .ToDictionaryAsync(r => r.Id, ct);
}
