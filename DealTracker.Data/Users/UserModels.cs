using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Users;

public sealed record UserRow(long Id, string DisplayName, string Email, IReadOnlyList<string> Roles, bool IsActive,
    bool IsLockedOut, int OwnedLeads, int OwnedDeals);

public sealed record UserPage(IReadOnlyList<UserRow> Rows, int Total);

public sealed record NewUser(string DisplayName, string Email, IReadOnlyList<string> Roles, string Password);

/// <summary>Refused: the user still owns leads or deals. Reassign them first ("reassign all to…").</summary>
public sealed class UserOwnsRecordsException(string message, int leads, int deals) : RuleViolationException(message)
{
    public int Leads { get; } = leads;
    public int Deals { get; } = deals;
}
