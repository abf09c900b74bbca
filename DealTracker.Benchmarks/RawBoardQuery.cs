using Npgsql;

namespace DealTracker.Benchmarks;

/// <summary>
/// The limit the board's data service is held against: the same board (stages, per-column counts, per-currency
/// totals with each deal once per column, the open total, and the newest 25 cards of every column with their party
/// and owner) read by one hand-written statement through plain Npgsql, into plain rows, with no EF Core at all.
/// </summary>
public static class RawBoardQuery
{
    public sealed record Row(string Kind, string? Stage, string? Currency, long Count, decimal Value, decimal Weighted,
        long? LeadId, string? Title, string? DealName, decimal? Probability, DateTime? CloseDate, DateTime? StageSince,
        string? PartyName, string? OwnerName);

    private const string Sql = """
        WITH stages AS (SELECT value, sort_order, is_active FROM picklists WHERE category = 'lead_status.stage'),
        f AS (SELECT s.stage, l.deal_id FROM lead_status s JOIN leads l ON l.id = s.lead_id),
        money AS (SELECT DISTINCT f.stage, d.id, d.value_amount, COALESCE(d.value_currency, 'USD') AS currency, d.probability
                  FROM f JOIN deals d ON d.id = f.deal_id WHERE d.value_amount IS NOT NULL),
        counts AS (SELECT stage, count(*) AS leads FROM f GROUP BY stage)
        SELECT 'stage' AS kind, value AS stage, NULL AS currency, sort_order::bigint AS n, 0::numeric AS value, 0::numeric AS weighted,
               NULL::bigint AS lead_id, NULL AS title, NULL AS deal_name, NULL::numeric AS probability, NULL::date AS close_date,
               NULL::timestamptz AS stage_since, NULL AS party_name, NULL AS owner_name
        FROM stages
        UNION ALL
        SELECT 'count', stage, NULL, leads, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM counts
        UNION ALL
        SELECT 'money', stage, currency, count(*), sum(value_amount), sum(value_amount * COALESCE(probability, 0) / 100),
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM money GROUP BY stage, currency
        UNION ALL
        SELECT 'open', NULL, currency, count(*), sum(value_amount), sum(value_amount * COALESCE(probability, 0) / 100),
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT DISTINCT id, value_amount, currency, probability FROM money
              WHERE stage NOT IN (SELECT value FROM picklists WHERE category = 'lead_status.stage' AND is_closed)) o
        GROUP BY currency
        UNION ALL
        SELECT 'card', c.stage, COALESCE(d.value_currency, 'USD'), 0, COALESCE(d.value_amount, 0), 0, l.id, l.title, d.name,
               d.probability, d.close_date, s.updated_at,
               (SELECT p.name FROM (
                    SELECT o.name, lo.is_primary, 0 AS kind FROM lead_organizations lo
                    JOIN organizations o ON o.id = lo.organization_id WHERE lo.lead_id = l.id
                    UNION ALL
                    SELECT i.given_name || ' ' || i.family_name, li.is_primary, 1 FROM lead_individuals li
                    JOIN individuals i ON i.id = li.individual_id WHERE li.lead_id = l.id) p
                ORDER BY p.is_primary DESC, p.kind, p.name LIMIT 1),
               u.display_name
        FROM counts c
        CROSS JOIN LATERAL (SELECT lead_id, updated_at FROM lead_status s WHERE s.stage = c.stage
                            ORDER BY updated_at DESC, lead_id DESC LIMIT 25) s
        JOIN leads l ON l.id = s.lead_id
        JOIN deals d ON d.id = l.deal_id
        LEFT JOIN users u ON u.id = l.owner_user_id
        """;

    public static async Task<List<Row>> ReadAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand(Sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Row>(256);
        while (await reader.ReadAsync())
        {
            rows.Add(new Row(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetInt64(3), reader.GetDecimal(4), reader.GetDecimal(5),
                reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetDecimal(9),
                reader.IsDBNull(10) ? null : reader.GetDateTime(10), reader.IsDBNull(11) ? null : reader.GetDateTime(11),
                reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13)));
        }
        return rows;
    }
}
