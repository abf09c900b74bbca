using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

public class Individual
{
    public long Id { get; set; }
    public required string GivenName { get; set; }
    public required string FamilyName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    [Timestamp]
    public uint Version { get; set; }

    public List<Contact> Contacts { get; set; } = [];
    public List<LeadIndividual> Leads { get; set; } = [];
}
