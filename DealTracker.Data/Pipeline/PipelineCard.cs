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
    string? OwnerName,
    string? NextStep,
    DateOnly? NextStepDueOn,
    TimeOnly? NextStepDueTime)
{
    public int DaysInStage(DateTime utcNow) => Math.Max(0, (int)(utcNow - StageSince).TotalDays);

    /// <summary>Whether the next step is overdue at <paramref name="localNow"/> (the app's time zone).</summary>
    public bool IsNextStepOverdue(DateTime localNow) =>
        NextStep is not null && NextStepDueOn is { } due && NextSteps.NextStepRules.IsOverdue(due, NextStepDueTime, localNow);
}
