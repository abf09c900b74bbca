using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

public class LeadContact : ILeadLink
{
    static string ILeadLink.TargetProperty => nameof(ContactId);
    static ILeadLink ILeadLink.Create(long leadId, long targetId) => new LeadContact { LeadId = leadId, ContactId = targetId };
    long ILeadLink.TargetId => ContactId;
    string? ILeadLink.Value { get => RoleOnLead; set => RoleOnLead = value; }

    public long LeadId { get; set; }
    public long ContactId { get; set; }
    public string? RoleOnLead { get; set; }
    public bool IsPrimary { get; set; }
    public DateTime CreatedAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }

    public Lead Lead { get; set; } = null!;
    public Contact Contact { get; set; } = null!;
}
