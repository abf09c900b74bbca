using DealTracker.Data.Identity;

namespace DealTracker.Data.Pipeline;

/// <summary>
/// What decides the first page of a board: whose leads it may show (every lead for a manager, or one Sales user's own
/// and the unassigned ones; "my leads" is always per user) and the filter. Two boards with equal views show the same
/// first page of every column, so one read serves both; cards a user loaded beyond it are read for that user alone
/// (<see cref="PipelineService.WithLoadedCardsAsync"/>).
/// </summary>
public sealed record PipelineView(string Scope, PipelineFilter Filter)
{
    public static PipelineView For(IActingUser actor, PipelineFilter filter) =>
        new(actor.IsManagerOrAdmin && !filter.Mine ? "all" : $"user:{actor.UserId?.ToString() ?? "none"}", filter);

    /// <summary>
    /// Whether a finished read stays right until the next change. A next-step window ("overdue", "due this week")
    /// moves with the clock, not with changes, so such a board is shared only while its read runs.
    /// </summary>
    public bool KeepsUntilNextChange => Filter.NextStep is null;
}
