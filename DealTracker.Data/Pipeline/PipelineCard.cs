namespace DealTracker.Data.Pipeline;

/// <summary>
/// One lead on the board. <see cref="Version"/> is its status version, presented back when it is moved;
/// <see cref="OwnerName"/> is null when the lead is unassigned.
/// </summary>
public sealed record PipelineCard(
    long LeadId,
    string Title,
    string Stage,
    long DealId,
    string DealName,
    decimal? Value,
    string Currency,
    decimal? Probability,
    DateOnly? CloseDate,
    string? PartyName,
    DateTime StageSince,
    uint Version,
    string? OwnerName)
{
    public int DaysInStage(DateTime utcNow) => Math.Max(0, (int)(utcNow - StageSince).TotalDays);
}
