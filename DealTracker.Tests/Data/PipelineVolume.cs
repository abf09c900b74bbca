using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

/// <summary>Many leads at once, set-based (a few statements whatever the count): for size tests and measurements.</summary>
public static class PipelineVolume
{
    private static readonly string[] Stages = ["New", "Qualified", "Discovery", "Proposal", "Negotiation", "Won", "Lost", "On Hold"];

    /// <summary>
    /// Adds <paramref name="leads"/> leads on leads/2 deals (USD and EUR, spread probabilities and close dates), spread
    /// over every stage, each with a primary organization among 500. Names start with <paramref name="prefix"/>.
    /// </summary>
    public static Task InsertAsync(DatabaseProbe db, string prefix, int leads)
    {
        // Several statements in one command cannot carry parameters: the test's own prefix and count are inlined.
        var p = "'" + prefix.Replace("'", "''") + "'";
        return db.ExecuteAsync($"""
        BEGIN;
        CREATE TEMP TABLE volume_org ON COMMIT DROP AS
          WITH o AS (INSERT INTO organizations (name) SELECT {p} || ' org ' || g FROM generate_series(1, 500) g RETURNING id)
          SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM o;
        CREATE TEMP TABLE volume_deal ON COMMIT DROP AS
          WITH d AS (INSERT INTO deals (name, value_amount, value_currency, probability, close_date)
                     SELECT {p} || ' deal ' || g, 1000 * (1 + g % 97), CASE WHEN g % 3 = 0 THEN 'EUR' ELSE 'USD' END,
                            10 * (g % 11), DATE '2026-01-01' + (g % 365)
                     FROM generate_series(1, greatest({leads} / 2, 1)) g RETURNING id)
          SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM d;
        CREATE TEMP TABLE volume_lead ON COMMIT DROP AS
          WITH l AS (INSERT INTO leads (deal_id, title)
                     SELECT d.id, {p} || ' lead ' || g FROM generate_series(0, {leads} - 1) g
                     JOIN volume_deal d ON d.n = g / 2 RETURNING id)
          SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM l;
        INSERT INTO lead_status (lead_id, stage, reason, updated_at)
          SELECT l.id, (ARRAY['{string.Join("','", Stages)}'])[1 + l.n % {Stages.Length}],
                 CASE WHEN l.n % {Stages.Length} = 6 THEN 'Price' END, now() - (l.n % 60) * interval '1 day'
          FROM volume_lead l;
        INSERT INTO lead_organizations (lead_id, organization_id, relationship, is_primary)
          SELECT l.id, o.id, 'Prospect', true FROM volume_lead l JOIN volume_org o ON o.n = l.n % 500;
        COMMIT;
        """);
    }
}
