using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

public class LeadOrganization : ILeadLink
{
    static string ILeadLink.TargetProperty => nameof(OrganizationId);
    static ILeadLink ILeadLink.Create(long leadId, long targetId) => new LeadOrganization { LeadId = leadId, OrganizationId = targetId };
    long ILeadLink.TargetId => OrganizationId;
    string? ILeadLink.Value { get => Relationship; set => Relationship = value; }

    public long LeadId { get; set; }
    public long OrganizationId { get; set; }
    public string? Relationship { get; set; }
    public bool IsPrimary { get; set; }
    public DateTime CreatedAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }

    public Lead Lead { get; set; } = null!;
    public Organization Organization { get; set; } = null!;
}
