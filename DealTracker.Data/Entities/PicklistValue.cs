using System.ComponentModel.DataAnnotations;

namespace DealTracker.Data.Entities;

/// <summary>One option of a dropdown (table <c>picklists</c>). The category names the column it fills.</summary>
public class PicklistValue
{
    public long Id { get; set; }
    public required string Category { get; set; }
    public required string Value { get; set; }
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>A stage that asks for a reason when a lead moves into it (Lost).</summary>
    public bool NeedsReason { get; set; }

    /// <summary>A stage that ends the pipeline (Won, Lost): folded on the board, left out of open totals.</summary>
    public bool IsClosed { get; set; }

    [Timestamp]
    public uint Version { get; set; }
}
