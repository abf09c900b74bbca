namespace DealTracker.Data.Export;

/// <summary>One organization, individual or contact on a lead, with its relationship (or role) and whether it is the primary.</summary>
public sealed record LeadExportLink(long Id, string Name, string? Relationship, bool IsPrimary)
{
    /// <summary><c>Acme Corp (Customer, primary); Beta Ltd (Partner)</c>: primaries first, then by name.</summary>
    public static string Describe(IEnumerable<LeadExportLink> links) =>
        string.Join(ExportCsvWriter.ListSeparator, links.Select(l => l.Describe()));

    /// <summary>The primary first, then by name (and id, so equal names keep one order).</summary>
    public static IReadOnlyList<LeadExportLink> InExportOrder(IEnumerable<LeadExportLink> links) =>
        [.. links.OrderByDescending(l => l.IsPrimary).ThenBy(l => l.Name, StringComparer.InvariantCultureIgnoreCase).ThenBy(l => l.Id)];

    public string Describe()
    {
        var notes = new[] { string.IsNullOrWhiteSpace(Relationship) ? null : Relationship, IsPrimary ? "primary" : null }
            .Where(n => n is not null).ToList();
        return notes.Count == 0 ? Name : $"{Name} ({string.Join(", ", notes)})";
    }
}
