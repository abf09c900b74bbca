using DealTracker.Data.Entities;
using DealTracker.Data.Parties;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Import;

/// <summary>
/// Contacts: the individual (required) and organization (optional) found by name, or by the ids export writes beside
/// them; a row matches the contact of the same individual at the same organization. Checked by the contact rules.
/// </summary>
internal sealed class ContactImport(RecordMatcher matcher, Dictionary<long, ContactInput> existing, PartyNames individuals,
    PartyNames organizations) : IImportBatch
{
    public static IImportDescriptor Descriptor { get; } = new ImportDescriptor(
        ["Id", "Individual id", "Individual", "Organization id", "Organization", "Title", "Department", "Email", "Phone", "Primary"],
        ["contacts"],
        ("Individual", "Choose the column that holds the contact's individual (Individual)."),
        async (db, _, ct) =>
        {
            var people = await db.Individuals.AsNoTracking().Select(i => new { i.Id, Name = i.GivenName + " " + i.FamilyName }).ToListAsync(ct);
            var orgs = await db.Organizations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(ct);
            var existing = await db.Contacts.AsNoTracking()
                .Select(c => new { c.Id, Input = new ContactInput(c.IndividualId, c.OrganizationId, c.Title, c.Department, c.Email, c.Phone, c.IsPrimary) })
                .ToDictionaryAsync(c => c.Id, c => c.Input, ct);
            var individuals = new PartyNames("individual", people.Select(p => (p.Id, p.Name)));
            var organizations = new PartyNames("organization", orgs.Select(o => (o.Id, o.Name)));
            return new ContactImport(
                new RecordMatcher("contact", "Individual",
                    existing.Select(e => (e.Key, (string?)Key(individuals, organizations, e.Value.IndividualId, e.Value.OrganizationId)))),
                existing, individuals, organizations);
        });

    private readonly Dictionary<int, ContactInput> _values = [];

    /// <summary>"Ada Lovelace at Acme": who the contact is, as the contacts list and a lead row name it.</summary>
    private static string Key(PartyNames individuals, PartyNames organizations, long individualId, long? organizationId) =>
        individuals.NameOf(individualId) + (organizationId is { } org ? " at " + organizations.NameOf(org) : "");

    public RowMatch Check(RowCells cells)
    {
        var id = cells.Id();
        var individualId = Party(cells, "Individual", "Individual id", individuals, "individual");
        var organizationId = Party(cells, "Organization", "Organization id", organizations, "organization");
        var contact = new Contact();
        var input = new ContactInput(individualId ?? 0, organizationId, cells.Raw("Title"), cells.Raw("Department"), cells.Raw("Email"),
            cells.Raw("Phone"), cells.Flag("Primary"));
        cells.Check(() => PartyService.Apply(contact, input), field => field);
        var clean = new ContactInput(contact.IndividualId, contact.OrganizationId, contact.Title, contact.Department, contact.Email,
            contact.Phone, contact.IsPrimary);
        var matched = matcher.Match(cells, id, individualId is { } person ? Key(individuals, organizations, person, organizationId) : null);
        _values[cells.RowNumber] = clean;
        return new RowMatch(matched, matched is not { } m || existing[m] != clean);
    }

    private static long? Party(RowCells cells, string field, string idField, PartyNames names, string noun)
    {
        var name = cells.Check(field, v => Infrastructure.Text.Clean(v, field));
        var id = cells.Id(idField);
        if (name is null)
        {
            if (id is { } given && names.NameOf(given) is null)
                cells.Problem(idField, $"there is no {noun} #{given}");
            else if (id is null && field == "Individual")
                cells.Problem(field, "name the individual this contact is");
            return id;
        }
        var found = names.Find(cells, field, name, id);
        if (found is null && !cells.HasProblems)
            cells.Problem(field, $"there is no {noun} \"{name}\" (import {noun}s first)");
        return found;
    }

    public Task WriteAsync(DealTrackerDbContext db, IReadOnlyList<ImportPreviewRow> rows, IProgress<double>? progress,
        CancellationToken ct) =>
        RecordWrites.WriteAsync<Contact>(db, rows, c => c.Id, () => new Contact(),
            (row, contact) => PartyService.Apply(contact, _values[row]), progress, ct);
}
