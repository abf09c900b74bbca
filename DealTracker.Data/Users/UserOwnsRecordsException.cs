using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Users;

/// <summary>Refused: the user still owns leads or deals. Reassign them first ("reassign all to…").</summary>
public sealed class UserOwnsRecordsException(string message, int leads, int deals) : RuleViolationException(message)
{
    public int Leads { get; } = leads;
    public int Deals { get; } = deals;
}
