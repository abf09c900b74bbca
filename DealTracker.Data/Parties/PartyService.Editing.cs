using DealTracker.Data.Entities;
using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Parties;

/// <summary>Editing parties: every write checks the same rules, and refuses a save over someone else's.</summary>
public sealed partial class PartyService
{
    public Task<uint> UpdateOrganizationAsync(long id, uint expectedVersion, OrganizationInput input, CancellationToken ct = default) =>
        UpdateAsync<Organization>(id, expectedVersion, "organization", "This organization no longer exists: someone deleted it.",
            (db, org) => ApplyAsync(db, org, input, ct), ct);

    public Task<uint> UpdateIndividualAsync(long id, uint expectedVersion, IndividualInput input, CancellationToken ct = default) =>
        UpdateAsync<Individual>(id, expectedVersion, "individual", "This individual no longer exists: someone deleted them.",
            (_, person) =>
            {
                Apply(person, input);
                return Task.CompletedTask;
            }, ct);

    public Task<uint> UpdateContactAsync(long id, uint expectedVersion, ContactInput input, CancellationToken ct = default) =>
        UpdateAsync<Contact>(id, expectedVersion, "contact", "This contact no longer exists: someone deleted it.",
            (db, contact) => ApplyAsync(db, contact, input, ct), ct);

    /// <summary>
    /// The one update path of organizations, individuals and contacts: load by id, refuse when it was deleted or saved
    /// by someone else since <paramref name="expectedVersion"/>, apply the form's values, save, return the new version.
    /// </summary>
    private Task<uint> UpdateAsync<T>(long id, uint expectedVersion, string kind, string deleted,
        Func<DealTrackerDbContext, T, Task> apply, CancellationToken ct) where T : class =>
        factory.WriteAsync(actor, async db =>
        {
            var record = await db.Set<T>().FindAsync([id], ct) ?? throw new RecordNotFoundException(deleted);
            var version = db.Entry(record).Property<uint>(nameof(Organization.Version));
            RequireVersion(version.CurrentValue, expectedVersion, kind);
            await apply(db, record);
            await db.SaveChangesAsync(ct);
            return version.CurrentValue;
        }, ct);

    /// <summary>Deletes a contact; it leaves every lead it was on. The individual and organization stay.</summary>
    public Task DeleteContactAsync(long contactId, CancellationToken ct = default) =>
        factory.WriteAsync(actor, async db =>
        {
            if (await db.Contacts.Where(c => c.Id == contactId).ExecuteDeleteAsync(ct) == 0)
                throw new RecordNotFoundException("This contact no longer exists.");
        }, ct);

    private static void RequireVersion(uint actual, uint expected, string kind)
    {
        if (actual != expected)
            throw new ConcurrencyConflictException(
                $"Someone else saved this {kind} after you opened it. Reload to see their changes, then make yours again.");
    }

    private static async Task ApplyAsync(DealTrackerDbContext db, Organization org, OrganizationInput input, CancellationToken ct)
    {
        var name = Input.Required(input.Name, Limits.Name, "Name", "Give the organization a name.");
        var lower = name.ToLowerInvariant();
        if (await db.Organizations.AnyAsync(o => o.Id != org.Id && o.Name.ToLower() == lower, ct))
            throw new RuleViolationException($"An organization named \"{name}\" already exists.", "Name");
        org.Name = name;
        org.Website = Input.Website(input.Website);
        org.Phone = Input.Optional(input.Phone, Limits.Phone, "Phone");
        org.Notes = Input.Optional(input.Notes, Limits.LongText, "Notes");
    }

    internal static void Apply(Individual person, IndividualInput input)
    {
        person.GivenName = Input.Required(input.GivenName, Limits.PersonName, "Given name", "Enter the given name.");
        person.FamilyName = Input.Required(input.FamilyName, Limits.PersonName, "Family name", "Enter the family name.");
        person.Email = Input.Email(input.Email);
        person.Phone = Input.Optional(input.Phone, Limits.Phone, "Phone");
        person.Notes = Input.Optional(input.Notes, Limits.LongText, "Notes");
    }

    private static async Task ApplyAsync(DealTrackerDbContext db, Contact contact, ContactInput input, CancellationToken ct)
    {
        if (!await db.Individuals.AnyAsync(i => i.Id == input.IndividualId, ct))
            throw new RuleViolationException("A contact must be an existing individual.", "Individual");
        if (input.OrganizationId is { } orgId && !await db.Organizations.AnyAsync(o => o.Id == orgId, ct))
            throw new RuleViolationException("That organization no longer exists.", "Organization");
        Apply(contact, input);
    }

    /// <summary>The contact rules that need no database (import checks the parties against what it loaded).</summary>
    internal static void Apply(Contact contact, ContactInput input)
    {
        contact.IndividualId = input.IndividualId;
        contact.OrganizationId = input.OrganizationId;
        contact.Title = Input.Optional(input.Title, Limits.Short, "Title");
        contact.Department = Input.Optional(input.Department, Limits.Short, "Department");
        contact.Email = Input.Email(input.Email);
        contact.Phone = Input.Optional(input.Phone, Limits.Phone, "Phone");
        contact.IsPrimary = input.IsPrimary;
    }
}
