using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

public class Organization
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public string? Website { get; set; }
    public string? Phone { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }

    public List<Contact> Contacts { get; set; } = [];
    public List<LeadOrganization> Leads { get; set; } = [];
}
