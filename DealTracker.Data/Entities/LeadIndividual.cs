using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

public class LeadIndividual
{
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
