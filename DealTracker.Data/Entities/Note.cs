using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

/// <summary>
/// A plain-text note on a lead or on a deal (exactly one of the two). Its author may edit or delete it, managers any
/// note; every add, edit and delete is history. Deleted with its record; its history stays.
/// </summary>
public class Note
{
    public const int BodyMaxLength = 10_000;

    public long Id { get; set; }
    public long? LeadId { get; set; }
    public long? DealId { get; set; }
    public long? AuthorUserId { get; set; }
    public required string Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }
}
