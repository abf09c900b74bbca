namespace DealTracker.Data.Pipeline;

/// <summary>
/// What the board shows. Every member narrows the leads; null means "any". <see cref="PipelineQuery"/> is the one
/// place that turns a filter into SQL, always within the leads the acting user may see. The owner is one of:
/// <see cref="Mine"/> (the acting user), <see cref="Unassigned"/>, or a user's <see cref="OwnerId"/>; the first set wins.
/// </summary>
public sealed record PipelineFilter(
    long? DealId = null,
    long? OrganizationId = null,
    long? IndividualId = null,
    DateOnly? CloseFrom = null,
    DateOnly? CloseTo = null,
    string? Search = null,
    long? OwnerId = null,
    bool Mine = false,
    bool Unassigned = false,
    NextSteps.NextStepWindow? NextStep = null)
{
    public bool IsEmpty => DealId is null && OrganizationId is null && IndividualId is null && CloseFrom is null
        && CloseTo is null && string.IsNullOrWhiteSpace(Search) && OwnerId is null && !Mine && !Unassigned && NextStep is null;
}

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

/// <summary>Money of one currency: deals are counted once, and currencies are never added together.</summary>
public sealed record CurrencyAmount(string Currency, int Deals, decimal Value, decimal Weighted);

/// <summary>
/// One column: a stage of the picklist, or a value leads still hold that is inactive or unknown (so no lead is hidden).
/// The count and money cover the whole column under the filter, not only the cards loaded.
/// </summary>
public sealed record PipelineColumn(
    string Stage,
    bool IsActive,
    bool IsKnown,
    bool IsClosed,
    bool NeedsReason,
    int LeadCount,
    IReadOnlyList<CurrencyAmount> Totals,
    IReadOnlyList<PipelineCard> Cards)
{
    public bool HasMore => Cards.Count < LeadCount;
}

public sealed record PipelineBoardData(
    IReadOnlyList<PipelineColumn> Columns,
    IReadOnlyList<CurrencyAmount> OpenTotals)
{
    public int LeadCount => Columns.Sum(c => c.LeadCount);
}

/// <summary>Where a column's next page starts: after this card in the column's order.</summary>
public sealed record PipelineCursor(DateTime StageSince, long LeadId)
{
    public static PipelineCursor After(PipelineCard card) => new(card.StageSince, card.LeadId);
}

/// <summary>A deal, organization or individual offered by a filter's search box.</summary>
public sealed record PipelineFilterOption(long Id, string Name);

/// <summary>The names behind a filter's ids, to show a bookmarked view's choices.</summary>
public sealed record PipelineFilterNames(string? Deal, string? Organization, string? Individual);
