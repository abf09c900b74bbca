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

    /// <summary>What happens next on this lead; null when nothing is planned. Set together with its due date.</summary>
    public string? NextStep { get; set; }
    public DateOnly? NextStepDueOn { get; set; }

    /// <summary>Optional time of day for the next step, in the app's time zone.</summary>
    public TimeOnly? NextStepDueTime { get; set; }
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
