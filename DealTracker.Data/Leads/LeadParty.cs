namespace DealTracker.Data.Leads;

/// <summary>
/// Which party names a lead on every screen: the primary organization, else the primary individual, else the
/// organization linked first, else the individual linked first. The rule is the database function
/// <c>lead_party_name(lead_id)</c> (migration <c>LeadRulesInDatabase</c>); LINQ calls it through
/// <see cref="NameOf"/> and the board's SQL calls it by name, so the list and the board cannot disagree.
/// </summary>
public static class LeadParty
{
    public const string SqlFunction = "lead_party_name";

    /// <summary>Translated to <c>lead_party_name(lead_id)</c> inside a query; it has no meaning outside one.</summary>
    public static string? NameOf(long leadId) =>
        throw new NotSupportedException($"{nameof(LeadParty)}.{nameof(NameOf)} runs only inside a database query.");
}
