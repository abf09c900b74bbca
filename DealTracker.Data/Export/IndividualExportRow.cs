namespace DealTracker.Data.Export;

public sealed record IndividualExportRow(long Id, string GivenName, string FamilyName, string? Email, string? Phone,
    string? Notes, DateTime CreatedAt, DateTime UpdatedAt) : ICsvRow
{
    public static IReadOnlyList<string> Columns { get; } =
        ["Id", "Given name", "Family name", "Email", "Phone", "Notes", "Created at", "Updated at"];

    public void WriteTo(ExportCsvWriter csv)
    {
        csv.Number(Id);
        csv.Text(GivenName);
        csv.Text(FamilyName);
        csv.Text(Email);
        csv.Text(Phone);
        csv.Text(Notes);
        csv.Moment(CreatedAt);
        csv.Moment(UpdatedAt);
    }
}
