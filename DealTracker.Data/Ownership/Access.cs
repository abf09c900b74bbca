using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Data.Ownership;

public static class Access
{
    /// <summary>Narrows a list to "my" records, the unassigned ones, or one user's (<paramref name="userId"/>).</summary>
    public static IQueryable<T> OwnedAs<T>(this IQueryable<T> records, IActingUser actor, OwnerFilter filter, long? userId)
        where T : class, IOwnedRecord
    {
        var me = actor.UserId;
        return filter switch
        {
            OwnerFilter.Mine => records.Where(r => me != null && r.OwnerUserId == me),
            OwnerFilter.Unassigned => records.Where(r => r.OwnerUserId == null),
            OwnerFilter.User => records.Where(r => r.OwnerUserId == userId),
            _ => records,
        };
    }

    public const string OnlyManagersGiveRecords = "Only a manager can give a record to someone else.";
    public const string LeadNotFoundOrNotYours = "This lead was not found, or it is not yours.";
    public const string DealNotFoundOrNotYours = "This deal was not found, or it is not yours.";

    /// <summary>
    /// The leads (or deals) <paramref name="actor"/> may see: <see cref="Visibility"/>'s one rule. For deals, the ones
    /// the actor may open (page, leads, history); of the deal of a lead they may see but not of a deal they may see, a
    /// Sales user sees only the name, value and close date, read-only, through the lead (<see cref="Leads.LeadDealSummary"/>,
    /// the board's cards).
    /// </summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> records, IActingUser actor) where T : class, IOwnedRecord =>
        records.Where(Visibility.Of<T>(actor));

    /// <summary>Throws "not found or not yours" unless the lead exists and the actor may see it.</summary>
    public static Task RequireLeadAsync(DealTrackerDbContext db, IActingUser actor, long leadId, CancellationToken ct) =>
        RequireAsync<Lead>(db, actor, leadId, "lead", ct);

    /// <summary>Throws "not found or not yours" unless the deal exists and the actor may see it.</summary>
    public static Task RequireDealAsync(DealTrackerDbContext db, IActingUser actor, long dealId, CancellationToken ct) =>
        RequireAsync<Deal>(db, actor, dealId, "deal", ct);

    /// <summary>The lead or deal, tracked; "not found or not yours" unless it exists and the actor may see it.</summary>
    internal static async Task<T> RequireAsync<T>(DealTrackerDbContext db, IActingUser actor, long id, string kind,
        CancellationToken ct) where T : class, IOwnedRecord =>
        await db.Set<T>().VisibleTo(actor).Where(r => r.Id == id).FirstOrDefaultAsync(ct)
            ?? throw new RecordNotFoundException(NotFoundMessage(actor, kind));

    /// <summary>
    /// The owner a new record gets: the one asked for, else its creator. Only managers and admins may give a
    /// record to someone else.
    /// </summary>
    public static long? OwnerForNew(IActingUser actor, long? requestedOwner)
    {
        if (requestedOwner is null || requestedOwner == actor.UserId)
            return requestedOwner ?? actor.UserId;
        RequireManager(actor, OnlyManagersGiveRecords, "Owner");
        return requestedOwner;
    }

    public static void RequireManager(IActingUser actor, string message = "Only managers and admins can do this.", string? field = null)
    {
        if (!actor.IsManagerOrAdmin)
            throw new RuleViolationException(message, field);
    }

    public static void RequireAdmin(IActingUser actor, string message = "Only admins can manage users.")
    {
        if (!actor.IsAdmin)
            throw new RuleViolationException(message);
    }

    /// <summary>Managers keep the plain "no longer exists"; others cannot tell a missing record from someone else's.</summary>
    private static string NotFoundMessage(IActingUser actor, string kind) =>
        actor.IsManagerOrAdmin
            ? $"This {kind} no longer exists."
            : kind == "lead" ? LeadNotFoundOrNotYours : DealNotFoundOrNotYours;
}
