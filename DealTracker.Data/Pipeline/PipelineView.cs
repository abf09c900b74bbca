using DealTracker.Data.Identity;

namespace DealTracker.Data.Pipeline;

/// <summary>
/// What decides a board's content: whose leads it may show (every lead for a manager, or one Sales user's own and the
/// unassigned ones; "my leads" is always per user), the filter, and how many cards each column has loaded. Two
/// boards with equal views show the same cards, so one read serves both.
/// </summary>
public sealed record PipelineView(string Scope, PipelineFilter Filter, string Loaded)
{
    public static PipelineView For(IActingUser actor, PipelineFilter filter, IReadOnlyDictionary<string, int>? loadedPerColumn)
    {
        var scope = actor.IsManagerOrAdmin && !filter.Mine ? "all" : $"user:{actor.UserId?.ToString() ?? "none"}";
        var loaded = loadedPerColumn is null
            ? ""
            : string.Join(";", loadedPerColumn.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
        return new PipelineView(scope, filter, loaded);
    }
}
