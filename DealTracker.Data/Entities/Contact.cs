using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

/// <summary>A person in a role: always an individual, optionally at an organization.</summary>
public class Contact
{
    public long Id { get; set; }
    public long IndividualId { get; set; }
    public long? OrganizationId { get; set; }
    public string? Title { get; set; }
    public string? Department { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public bool IsPrimary { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }

    public Individual Individual { get; set; } = null!;
    public Organization? Organization { get; set; }
    public List<LeadContact> Leads { get; set; } = [];
}
