using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Leads;

/// <summary>
/// The reason a lead moves to a stage: required where the stage needs one (Lost), at most
/// <see cref="Limits.Reason"/> characters everywhere (create, edit, board move), backed by the database's CHECK.
/// Public so the board's reason dialog shows the same sentence before anything is sent.
/// </summary>
public static class StageReason
{
    public const string Field = "Reason";

    public static string? Check(bool needsReason, string stage, string? reason)
    {
        var clean = Input.Optional(reason, Limits.Reason, Field);
        if (needsReason && clean is null)
            throw new RuleViolationException($"Say why the lead moves to {stage}.", Field);
        return clean;
    }
}
