namespace DealTracker.Data.Export;

/// <summary>A deal as export writes it, with the ids of its leads the exporting user may see.</summary>
public sealed record DealExportRow(
    long Id, string Name, string? Description, decimal? Value, string? Currency, decimal? Probability,
    DateOnly? CloseDate, string? OwnerEmail, IReadOnlyList<long> LeadIds, DateTime CreatedAt, DateTime UpdatedAt) : ICsvRow
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "Id", "Name", "Description", "Value", "Currency", "Probability", "Close date", "Owner", "Leads", "Lead ids",
        "Created at", "Updated at",
    ];

    public void WriteTo(ExportCsvWriter csv)
    {
        csv.Number(Id);
        csv.Text(Name);
        csv.Text(Description);
        csv.Number(Value);
        csv.Text(Value is null ? null : Currency);
        csv.Number(Probability);
        csv.Date(CloseDate);
        csv.Text(OwnerEmail);
        csv.Number(LeadIds.Count);
        csv.Ids(LeadIds);
        csv.Moment(CreatedAt);
        csv.Moment(UpdatedAt);
    }
}
