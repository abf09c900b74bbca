using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Parties;

/// <summary>Refused because the party is some lead's only individual or organization; names those leads.</summary>
public sealed class PartyIsOnlyPartyException(string message, IReadOnlyList<LeadRef> leads) : RuleViolationException(message)
{
    public IReadOnlyList<LeadRef> Leads { get; } = leads;
}
