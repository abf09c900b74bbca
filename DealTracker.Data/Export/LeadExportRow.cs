namespace DealTracker.Data.Export;

/// <summary>
/// A lead as export writes it: its own fields, its deal (id, name and money), stage, reason, owner and next step (what,
/// due date and optional time, as planned in the app's time zone), and its
/// organizations, individuals and contacts readably (relationship or role, primary marked) with their ids in columns
/// of their own, so an import can find the same records again.
/// </summary>
public sealed record LeadExportRow(
    long Id, string Title, string? Description, string? Source,
    long DealId, string DealName, decimal? Value, string? Currency, decimal? Probability, DateOnly? CloseDate,
    string? Stage, string? Reason, string? OwnerEmail,
    string? NextStep, DateOnly? NextStepDueOn, TimeOnly? NextStepDueTime,
    IReadOnlyList<LeadExportLink> Organizations, IReadOnlyList<LeadExportLink> Individuals,
    IReadOnlyList<LeadExportLink> Contacts,
    DateTime CreatedAt, DateTime UpdatedAt) : ICsvRow
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "Id", "Title", "Description", "Source", "Deal id", "Deal", "Value", "Currency", "Probability", "Close date",
        "Stage", "Reason", "Owner", "Next step", "Next step due date", "Next step due time", "Organizations", "Organization ids", "Individuals", "Individual ids", "Contacts",
        "Contact ids", "Created at", "Updated at",
    ];

    public void WriteTo(ExportCsvWriter csv)
    {
        csv.Number(Id);
        csv.Text(Title);
        csv.Text(Description);
        csv.Text(Source);
        csv.Number(DealId);
        csv.Text(DealName);
        csv.Number(Value);
        csv.Text(Value is null ? null : Currency);
        csv.Number(Probability);
        csv.Date(CloseDate);
        csv.Text(Stage);
        csv.Text(Reason);
        csv.Text(OwnerEmail);
        csv.Text(NextStep);
        csv.Date(NextStepDueOn);
        csv.Time(NextStepDueTime);
        WriteLinks(csv, Organizations);
        WriteLinks(csv, Individuals);
        WriteLinks(csv, Contacts);
        csv.Moment(CreatedAt);
        csv.Moment(UpdatedAt);
    }

    private static void WriteLinks(ExportCsvWriter csv, IReadOnlyList<LeadExportLink> links)
    {
        csv.Text(LeadExportLink.Describe(links));
        csv.Ids(links.Select(l => l.Id));
    }
}
