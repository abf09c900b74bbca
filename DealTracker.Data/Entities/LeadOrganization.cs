using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

public class LeadOrganization
{
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
