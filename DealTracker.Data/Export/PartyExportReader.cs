using DealTracker.Data.Parties;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Export;

/// <summary>
/// The organizations, individuals and contacts of their lists for a search (all pages, the lists' order), streamed
/// from one query each: their rows have no collections to gather, so nothing is held beyond the row being written.
/// </summary>
public sealed class PartyExportReader(IDbContextFactory<DealTrackerDbContext> factory)
{
    public async IAsyncEnumerable<OrganizationExportRow> ReadOrganizationsAsync(string? search,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = PartyQueries.InListOrder(PartyQueries.OrganizationsMatching(db, search))
            .Select(o => new OrganizationExportRow(o.Id, o.Name, o.Website, o.Phone, o.Notes, o.CreatedAt, o.UpdatedAt));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
            yield return row;
    }

    public async IAsyncEnumerable<IndividualExportRow> ReadIndividualsAsync(string? search,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = PartyQueries.InListOrder(PartyQueries.IndividualsMatching(db, search))
            .Select(i => new IndividualExportRow(i.Id, i.GivenName, i.FamilyName, i.Email, i.Phone, i.Notes, i.CreatedAt, i.UpdatedAt));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
            yield return row;
    }

    public async IAsyncEnumerable<ContactExportRow> ReadContactsAsync(string? search,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = PartyQueries.InListOrder(PartyQueries.ContactsMatching(db, search))
            .Select(c => new ContactExportRow(c.Id, c.IndividualId, c.Individual.GivenName + " " + c.Individual.FamilyName,
                c.OrganizationId, c.Organization != null ? c.Organization.Name : null, c.Title, c.Department, c.Email,
                c.Phone, c.IsPrimary, c.CreatedAt, c.UpdatedAt));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
            yield return row;
    }
}
