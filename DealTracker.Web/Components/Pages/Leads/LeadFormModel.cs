using System.Text.Json;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Leads;

namespace DealTracker.Web.Components.Pages.Leads;

/// <summary>What the lead form holds while the user types; nothing reaches the database until Save.</summary>
public sealed class LeadFormModel
{
    public Choice? Deal { get; set; }
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? Source { get; set; }
    public string? Stage { get; set; }
    public string? Reason { get; set; }
    public long? OwnerUserId { get; set; }
    public List<PartyRowModel> Organizations { get; set; } = [];
    public List<PartyRowModel> Individuals { get; set; } = [];
    public List<PartyRowModel> Contacts { get; set; } = [];

    public static readonly string[] Fields =
        ["Title", "Description", "Source", "Deal", "Owner", "Stage", "Reason", "Parties", "Organizations", "Individuals", "Contacts"];

    public static LeadFormModel From(LeadForEdit lead) => new()
    {
        Deal = new Choice(lead.DealId, lead.DealName), Title = lead.Title, Description = lead.Description,
        Source = lead.Source, Stage = lead.Stage, Reason = lead.Reason, OwnerUserId = lead.OwnerUserId,
        Organizations = lead.Organizations.Select(Row).ToList(),
        Individuals = lead.Individuals.Select(Row).ToList(),
        Contacts = lead.Contacts.Select(c => new PartyRowModel
            { Id = c.ContactId, Name = c.Name, Detail = c.Detail, Value = c.RoleOnLead, IsPrimary = c.IsPrimary }).ToList(),
    };

    private static PartyRowModel Row(LeadPartyRow r) =>
        new() { Id = r.PartyId, Name = r.Name, Detail = r.Detail, Value = r.Relationship, IsPrimary = r.IsPrimary };

    public bool HasParty => Organizations.Count + Individuals.Count > 0;

    /// <summary>The lead's fields for the service; refuses here only what the service cannot be asked without.</summary>
    public LeadChanges ToChanges()
    {
        // No deal chosen yet: the service says so next to the field, after the title.
        return new LeadChanges(Deal?.Id ?? 0, Title, Description, Source, Stage ?? "", Reason,
            Organizations.Select(o => new PartyLink(o.Id, o.Value, o.IsPrimary)).ToList(),
            Individuals.Select(i => new PartyLink(i.Id, i.Value, i.IsPrimary)).ToList(),
            Contacts.Select(c => new ContactLink(c.Id, c.Value, c.IsPrimary)).ToList(), OwnerUserId);
    }

    public NewLead ToNewLead()
    {
        var c = ToChanges();
        return new NewLead(c.DealId, c.Title, c.Organizations, c.Individuals, c.Contacts, c.Description, c.Source, c.Stage, c.Reason,
            c.OwnerUserId);
    }

    public string Snapshot() => JsonSerializer.Serialize(this);
}
