namespace DealTracker.Data.Pipeline;

/// <summary>
/// One row of the board's single statement (<see cref="BoardStatement"/>): a stage of the picklist
/// (<see cref="Kind"/> "stage"), a <see cref="PipelineTotalRow"/> ("total") or a card ("card"). One shape for all three
/// lets the board load in one round trip.
/// </summary>
internal sealed record BoardRow(
    string Kind,
    string? Stage,
    string? Currency,
    int Leads,
    int Deals,
    decimal? Value,
    decimal Weighted,
    bool IsActive,
    bool IsClosed,
    bool NeedsReason,
    int SortOrder,
    long PicklistId,
    long? LeadId,
    string? Title,
    long? DealId,
    string? DealName,
    decimal? Probability,
    DateOnly? CloseDate,
    DateTime? StageSince,
    long? Version,
    string? NextStep,
    DateOnly? NextStepDueOn,
    TimeOnly? NextStepDueTime,
    string? PartyName,
    string? OwnerName)
{
    public const string StageKind = "stage";
    public const string TotalKind = "total";
    public const string CardKind = "card";

    public PipelineTotalRow ToTotal() => new(Stage, Currency, Leads, Deals, Value ?? 0, Weighted);

    public PipelineCard ToCard() => new(LeadId!.Value, Title!, Stage!, DealId!.Value, DealName!, Value, Currency!,
        Probability, CloseDate, PartyName, StageSince!.Value, (uint)Version!.Value, OwnerName, NextStep, NextStepDueOn,
        NextStepDueTime);
}
