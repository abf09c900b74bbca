using DealTracker.Data.Entities;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Picklists;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Leads;

/// <summary>
/// The lead rules, each with the message a user sees. The database backs every one of them; the forms show these
/// sentences rather than writing their own.
/// </summary>
public static class LeadRules
{
    public const string NeedsParty = "A lead needs at least one individual or organization.";

    internal static string RequireTitle(string? title)
    {
        var clean = Text.Clean(title, "Title");
        if (clean is null)
            throw new RuleViolationException("Give the lead a title.", "Title");
        if (clean.Length > Limits.Title)
            throw new RuleViolationException($"The title can be at most {Limits.Title} characters.", "Title");
        return clean;
    }

    internal static void RequireParty(int partyCount, bool removing = false)
    {
        if (partyCount > 0)
            return;
        throw new RuleViolationException(removing
            ? "This is the lead's last individual or organization. Add another before removing it."
            : NeedsParty, "Parties");
    }

    internal static void RequireDistinctAndOnePrimary(IReadOnlyList<PartyLink> organizations,
        IReadOnlyList<PartyLink> individuals, IReadOnlyList<ContactLink> contacts)
    {
        Check(organizations.Select(o => o.PartyId).ToList(), organizations.Count(o => o.IsPrimary), "organization", "Organizations");
        Check(individuals.Select(i => i.PartyId).ToList(), individuals.Count(i => i.IsPrimary), "individual", "Individuals");
        Check(contacts.Select(c => c.ContactId).ToList(), contacts.Count(c => c.IsPrimary), "contact", "Contacts");

        static void Check(List<long> ids, int primaries, string kind, string field)
        {
            if (ids.Distinct().Count() != ids.Count)
                throw new RuleViolationException($"The same {kind} is on the lead twice.", field);
            if (primaries > 1)
                throw new RuleViolationException($"Only one {kind} can be primary.", field);
        }
    }

    internal static string? ReasonFor(PicklistOption stage, string stageValue, string? reason) =>
        StageReason.Check(stage.NeedsReason, stageValue, reason);

    /// <summary>
    /// Every link value must be an active value of its picklist, and every linked party must exist. On an edit,
    /// <paramref name="current"/> is the lead as saved: a row may keep a value deactivated since it was chosen.
    /// </summary>
    internal static async Task EnsureLinksAllowedAsync(DealTrackerDbContext db, IReadOnlyList<PartyLink> organizations,
        IReadOnlyList<PartyLink> individuals, IReadOnlyList<ContactLink> contacts, CancellationToken ct,
        LeadForEdit? current = null)
    {
        foreach (var o in organizations)
            await EnsureAsync(PicklistCategories.OrganizationRelationship, o.Relationship, "Relationship",
                "organization relationship", current?.Organizations.FirstOrDefault(r => r.PartyId == o.PartyId)?.Relationship);
        foreach (var i in individuals)
            await EnsureAsync(PicklistCategories.IndividualRelationship, i.Relationship, "Relationship",
                "individual relationship", current?.Individuals.FirstOrDefault(r => r.PartyId == i.PartyId)?.Relationship);
        foreach (var c in contacts)
            await EnsureAsync(PicklistCategories.ContactRole, c.RoleOnLead, "Role on lead",
                "role on lead", current?.Contacts.FirstOrDefault(r => r.ContactId == c.ContactId)?.RoleOnLead);

        await EnsurePartiesExistAsync(db, organizations, individuals, contacts, ct);

        Task EnsureAsync(string category, string? value, string field, string label, string? kept) =>
            PicklistService.EnsureAllowedAsync(db, category, Text.Clean(value), field, label, ct, kept);
    }

    private static async Task EnsurePartiesExistAsync(DealTrackerDbContext db, IReadOnlyList<PartyLink> organizations,
        IReadOnlyList<PartyLink> individuals, IReadOnlyList<ContactLink> contacts, CancellationToken ct)
    {
        var orgIds = organizations.Select(o => o.PartyId).ToList();
        var indIds = individuals.Select(i => i.PartyId).ToList();
        var contactIds = contacts.Select(c => c.ContactId).ToList();
        if (orgIds.Count > 0 && await db.Organizations.CountAsync(o => orgIds.Contains(o.Id), ct) != orgIds.Count)
            throw new RuleViolationException("One of the organizations no longer exists.", "Organizations");
        if (indIds.Count > 0 && await db.Individuals.CountAsync(i => indIds.Contains(i.Id), ct) != indIds.Count)
            throw new RuleViolationException("One of the individuals no longer exists.", "Individuals");
        if (contactIds.Count > 0 && await db.Contacts.CountAsync(c => contactIds.Contains(c.Id), ct) != contactIds.Count)
            throw new RuleViolationException("One of the contacts no longer exists.", "Contacts");
    }
}
