using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

public class LeadIndividual : ILeadLink
{
    static string ILeadLink.TargetProperty => nameof(IndividualId);
    static ILeadLink ILeadLink.Create(long leadId, long targetId) => new LeadIndividual { LeadId = leadId, IndividualId = targetId };
    long ILeadLink.TargetId => IndividualId;
    string? ILeadLink.Value { get => Relationship; set => Relationship = value; }

    public long LeadId { get; set; }
    public long IndividualId { get; set; }
    public string? Relationship { get; set; }
    public bool IsPrimary { get; set; }
    public DateTime CreatedAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }

    public Lead Lead { get; set; } = null!;
    public Individual Individual { get; set; } = null!;
}
