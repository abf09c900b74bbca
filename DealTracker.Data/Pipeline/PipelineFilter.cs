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
