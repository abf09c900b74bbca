using Npgsql;

namespace DealTracker.Data.Infrastructure;

/// <summary>
/// Counts, over the whole database, the rows that break an invariant the schema promises. Every count must be 0
/// whatever ran before: the race tests, the random-operations test and the benchmark's random run check with this.
/// </summary>
public static class InvariantAudit
{
    /// <summary>Each invariant with the query that counts the rows breaking it.</summary>
    public static readonly IReadOnlyList<(string Invariant, string Sql)> Checks =
    [
        ("a lead has at least one individual or organization", """
            SELECT count(*) FROM leads l
            WHERE NOT EXISTS (SELECT 1 FROM lead_individuals i WHERE i.lead_id = l.id)
              AND NOT EXISTS (SELECT 1 FROM lead_organizations o WHERE o.lead_id = l.id)
            """),
        ("a lead has exactly one status", """
            SELECT count(*) FROM leads l WHERE (SELECT count(*) FROM lead_status s WHERE s.lead_id = l.id) <> 1
            """),
        ("a lead has at most one primary of each kind", """
            SELECT (SELECT count(*) FROM (SELECT lead_id FROM lead_organizations WHERE is_primary GROUP BY lead_id HAVING count(*) > 1) o)
                 + (SELECT count(*) FROM (SELECT lead_id FROM lead_individuals WHERE is_primary GROUP BY lead_id HAVING count(*) > 1) i)
                 + (SELECT count(*) FROM (SELECT lead_id FROM lead_contacts WHERE is_primary GROUP BY lead_id HAVING count(*) > 1) c)
            """),
        ("every picklist column holds a value of its list", """
            SELECT (SELECT count(*) FROM lead_status s WHERE NOT EXISTS
                      (SELECT 1 FROM picklists p WHERE p.category = 'lead_status.stage' AND p.value = s.stage))
                 + (SELECT count(*) FROM lead_contacts c WHERE c.role_on_lead IS NOT NULL AND NOT EXISTS
                      (SELECT 1 FROM picklists p WHERE p.category = 'lead_contacts.role_on_lead' AND p.value = c.role_on_lead))
                 + (SELECT count(*) FROM lead_organizations o WHERE o.relationship IS NOT NULL AND NOT EXISTS
                      (SELECT 1 FROM picklists p WHERE p.category = 'lead_organizations.relationship' AND p.value = o.relationship))
                 + (SELECT count(*) FROM lead_individuals i WHERE i.relationship IS NOT NULL AND NOT EXISTS
                      (SELECT 1 FROM picklists p WHERE p.category = 'lead_individuals.relationship' AND p.value = i.relationship))
            """),
        ("a deal's probability is between 0 and 100", """
            SELECT count(*) FROM deals WHERE probability < 0 OR probability > 100
            """),
        ("the board's kept totals equal a count of the leads", Migrations.BoardTotalsSql.Differences),
        ("every lead's search text holds its current names and owner", Migrations.LeadSearchSql.Differences),
    ];

    /// <summary>The number of rows breaking each invariant (all 0 when the database is sound).</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountViolationsAsync(string connectionString,
        CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        var counts = new Dictionary<string, long>();
        foreach (var (invariant, sql) in Checks)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            counts[invariant] = (long)(await command.ExecuteScalarAsync(ct))!;
        }
        return counts;
    }
}
