using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

public class Lead : IOwnedRecord
{
    public long Id { get; set; }
    public long DealId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public string? Source { get; set; }
    public long? OwnerUserId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }

    public Deal Deal { get; set; } = null!;
    public LeadStatus? Status { get; set; }
    public List<LeadOrganization> Organizations { get; set; } = [];
    public List<LeadIndividual> Individuals { get; set; } = [];
    public List<LeadContact> Contacts { get; set; } = [];
}
