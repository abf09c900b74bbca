using System.Runtime.CompilerServices;
using DealTracker.Data.Parties;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Export;

/// <summary>
/// The organizations, individuals and contacts of their lists for a search (all pages, the lists' order), streamed
/// from one query each: their rows have no collections to gather, so nothing is held beyond the row being written.
/// </summary>
public sealed class PartyExportReader(IDbContextFactory<DealTrackerDbContext> factory)
{
    public IAsyncEnumerable<OrganizationExportRow> ReadOrganizationsAsync(string? search, CancellationToken ct = default) =>
        StreamAsync(db => PartyQueries.InListOrder(PartyQueries.OrganizationsMatching(db, search))
            .Select(o => new OrganizationExportRow(o.Id, o.Name, o.Website, o.Phone, o.Notes, o.CreatedAt, o.UpdatedAt)), ct);

    public IAsyncEnumerable<IndividualExportRow> ReadIndividualsAsync(string? search, CancellationToken ct = default) =>
        StreamAsync(db => PartyQueries.InListOrder(PartyQueries.IndividualsMatching(db, search))
            .Select(i => new IndividualExportRow(i.Id, i.GivenName, i.FamilyName, i.Email, i.Phone, i.Notes, i.CreatedAt, i.UpdatedAt)), ct);

    public IAsyncEnumerable<ContactExportRow> ReadContactsAsync(string? search, CancellationToken ct = default) =>
        StreamAsync(db => PartyQueries.InListOrder(PartyQueries.ContactsMatching(db, search))
            .Select(c => new ContactExportRow(c.Id, c.IndividualId, c.Individual.GivenName + " " + c.Individual.FamilyName,
                c.OrganizationId, c.Organization != null ? c.Organization.Name : null, c.Title, c.Department, c.Email,
                c.Phone, c.IsPrimary, c.CreatedAt, c.UpdatedAt)), ct);

    private async IAsyncEnumerable<TRow> StreamAsync<TRow>(Func<DealTrackerDbContext, IQueryable<TRow>> rows,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await foreach (var row in rows(db).AsAsyncEnumerable().WithCancellation(ct))
            yield return row;
    }
}
