namespace DealTracker.Data.Parties;

/// <summary>
/// A lead a party is on, with the party's relationship or role there; <see cref="Via"/> says how when it is not a
/// direct link ("as contact at Acme").
/// </summary>
public sealed record PartyLeadRow(long LeadId, string Title, string DealName, string Stage, string? Role, bool IsPrimary, string? Via = null);
