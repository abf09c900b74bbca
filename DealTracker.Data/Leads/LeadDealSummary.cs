namespace DealTracker.Data.Leads;

/// <summary>
/// What anyone who may see a lead sees of its deal: name, value and close date, read-only. <see cref="MayOpen"/> says
/// whether the actor may also see the deal itself (its page, its other leads, its history), by the one rule
/// <see cref="Ownership.Access.VisibleTo(IQueryable{Entities.Deal}, Identity.IActingUser)"/>.
/// </summary>
public sealed record LeadDealSummary(string Name, decimal? ValueAmount, string Currency, DateOnly? CloseDate, bool MayOpen);
