namespace DealTracker.Data.Export;

public sealed record OrganizationExportRow(long Id, string Name, string? Website, string? Phone, string? Notes,
    DateTime CreatedAt, DateTime UpdatedAt) : ICsvRow
{
    public static IReadOnlyList<string> Columns { get; } =
        ["Id", "Name", "Website", "Phone", "Notes", "Created at", "Updated at"];

    public void WriteTo(ExportCsvWriter csv)
    {
        csv.Number(Id);
        csv.Text(Name);
        csv.Text(Website);
        csv.Text(Phone);
        csv.Text(Notes);
        csv.Moment(CreatedAt);
        csv.Moment(UpdatedAt);
    }
}
