using DealTracker.Data.Ownership;

namespace DealTracker.Data.Leads;

public sealed record LeadListQuery(
    string? Search = null, string? Stage = null, LeadSort Sort = LeadSort.UpdatedAt, bool Descending = true,
    int Page = 0, int PageSize = 25, long? DealId = null, OwnerFilter Owner = OwnerFilter.Anyone, long? OwnerUserId = null);
