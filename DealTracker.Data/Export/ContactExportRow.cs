namespace DealTracker.Data.Export;

/// <summary>A contact with the ids and names of its individual and (optional) organization.</summary>
public sealed record ContactExportRow(long Id, long IndividualId, string IndividualName, long? OrganizationId,
    string? OrganizationName, string? Title, string? Department, string? Email, string? Phone, bool IsPrimary,
    DateTime CreatedAt, DateTime UpdatedAt) : ICsvRow
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "Id", "Individual id", "Individual", "Organization id", "Organization", "Title", "Department", "Email", "Phone",
        "Primary", "Created at", "Updated at",
    ];

    public void WriteTo(ExportCsvWriter csv)
    {
        csv.Number(Id);
        csv.Number(IndividualId);
        csv.Text(IndividualName);
        csv.Number(OrganizationId);
        csv.Text(OrganizationName);
        csv.Text(Title);
        csv.Text(Department);
        csv.Text(Email);
        csv.Text(Phone);
        csv.YesNo(IsPrimary);
        csv.Moment(CreatedAt);
        csv.Moment(UpdatedAt);
    }
}
