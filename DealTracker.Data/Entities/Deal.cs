using System.ComponentModel.DataAnnotations;
using DealTracker.Data.Deals;

namespace DealTracker.Data.Entities;

public class Deal : IOwnedRecord
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public long? OwnerUserId { get; set; }
    public decimal? ValueAmount { get; set; }
    public string? ValueCurrency { get; set; } = Currencies.Default;
    public decimal? Probability { get; set; }
    public DateOnly? CloseDate { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }

    public List<Lead> Leads { get; set; } = [];
}
