namespace DealTracker.Data.Leads;

/// <summary>
/// Which party names a lead on every screen: the primary organization, else the primary individual, else the
/// organization linked first, else the individual linked first. The rule is the database function
/// <c>lead_party(lead_id)</c>, set-returning so a query can join it and PostgreSQL inlines it (migration
/// <c>BoardTotals</c>); <c>lead_party_name(lead_id)</c> returns its one name. LINQ calls that through
/// <see cref="NameOf"/> and the board's SQL joins <see cref="SetFunction"/>, so the list and the board cannot disagree.
/// </summary>
public static class LeadParty
{
    public const string SqlFunction = "lead_party_name";

    /// <summary>The rule as a set of at most one name: <c>LEFT JOIN LATERAL lead_party(l.id) AS p(name) ON TRUE</c>.</summary>
    public const string SetFunction = "lead_party";

    /// <summary>Translated to <c>lead_party_name(lead_id)</c> inside a query; it has no meaning outside one.</summary>
    public static string? NameOf(long leadId) =>
        throw new NotSupportedException($"{nameof(LeadParty)}.{nameof(NameOf)} runs only inside a database query.");
}
