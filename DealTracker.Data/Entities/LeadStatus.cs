using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

/// <summary>The seed's <c>lead_status</c>: strictly one row per lead, keyed by the lead's id.</summary>
public class LeadStatus
{
    public long LeadId { get; set; }
    public required string Stage { get; set; }
    public string? Reason { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When the lead entered its current stage: kept by the database (a trigger), never by the app.</summary>
    public DateTime StageEnteredAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }

    public Lead Lead { get; set; } = null!;
}
