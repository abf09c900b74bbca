using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Ownership;

/// <summary>
/// Changing the owner on an existing lead or deal from its form. Managers and admins may give it to anyone; Sales may
/// keep it, take an unassigned one, or give up their own (leave it unassigned), never hand it to someone else.
/// </summary>
public static class OwnerChange
{
    public static void Require(IActingUser actor, long? current, long? requested, string kind)
    {
        if (requested == current || actor.IsManagerOrAdmin)
            return;
        var me = actor.UserId;
        var takesUnassigned = current is null && requested == me && me is not null;
        var releasesOwn = requested is null && current == me && me is not null;
        if (!takesUnassigned && !releasesOwn)
            throw new RuleViolationException($"Only a manager can give this {kind} to someone else.", "Owner");
    }
}
