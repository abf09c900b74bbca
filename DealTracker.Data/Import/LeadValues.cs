using DealTracker.Data.Leads;
using DealTracker.Data.NextSteps;

namespace DealTracker.Data.Import;

/// <summary>
/// A lead as a row gives it, checked: its own fields, status, owner, deal and links (negative ids are records the
/// same file introduces). <see cref="Signature"/> compares a row with the lead it matched.
/// </summary>
internal sealed record LeadValues(string Title, string? Description, string? Source, long DealId, long? OwnerUserId,
    string Stage, string? Reason, IReadOnlyList<PartyLink> Organizations, IReadOnlyList<PartyLink> Individuals,
    IReadOnlyList<ContactLink> Contacts, NextStepInput? NextStep)
{
    public string Signature => string.Join('\u001F', Title, Description, Source, DealId, OwnerUserId, Stage, Reason, NextStep,
        Links(Organizations.Select(o => (o.PartyId, o.Relationship, o.IsPrimary))),
        Links(Individuals.Select(i => (i.PartyId, i.Relationship, i.IsPrimary))),
        Links(Contacts.Select(c => (c.ContactId, c.RoleOnLead, c.IsPrimary))));

    private static string Links(IEnumerable<(long Id, string? Relationship, bool IsPrimary)> links) =>
        string.Join(';', links.OrderBy(l => l.Id).Select(l => $"{l.Id}|{l.Relationship}|{l.IsPrimary}"));
}
