namespace DealTracker.Data.Users;

public sealed record UserRow(long Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool IsActive,
    bool IsLockedOut, int OwnedLeads, int OwnedDeals);
