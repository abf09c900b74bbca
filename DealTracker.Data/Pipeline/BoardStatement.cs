using DealTracker.Data.Entities;
using NpgsqlTypes;

namespace DealTracker.Data.Pipeline;

/// <summary>
/// The board's SQL as single statements of <see cref="BoardRow"/>s, so a board costs one round trip: the first load
/// (stages, totals and the first cards of every column with leads) and the cards below a card in several columns.
/// Built on <see cref="PipelineQuery"/>, the one definition of visibility and filters; every value is a parameter.
/// </summary>
internal static class BoardStatement
{
    private const string NoCard = "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL";

    /// <summary>
    /// Every stage of the picklist, the totals <paramref name="totalsSql"/> selects (as <see cref="PipelineTotalRow"/>
    /// columns), and the first cards of each column the totals give leads: <paramref name="asked"/> cards where it
    /// names the column, else <see cref="PipelineService.PageSize"/>.
    /// </summary>
    public static string FirstLoad(PipelineQuery q, string totalsSql, IReadOnlyDictionary<string, int> asked)
    {
        var category = q.Add(PicklistCategories.Stage, NpgsqlDbType.Text);
        var askedStages = q.Add(asked.Keys.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        var askedTakes = q.Add(asked.Values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        return $"""
            WITH totals AS ({totalsSql}),
            columns AS (SELECT t.stage, COALESCE(a.take, {PipelineService.PageSize}) AS take
                        FROM totals t LEFT JOIN unnest({askedStages}, {askedTakes}) AS a(stage, take) ON a.stage = t.stage
                        WHERE t.stage IS NOT NULL AND t.currency IS NULL AND t.leads > 0)
            SELECT '{BoardRow.StageKind}' AS kind, p.value AS stage, NULL::text AS currency, 0 AS leads, 0 AS deals,
                   NULL::numeric AS value, 0::numeric AS weighted, p.is_active, p.is_closed, p.needs_reason, p.sort_order,
                   p.id AS picklist_id, NULL::bigint AS lead_id, NULL::text AS title, NULL::bigint AS deal_id,
                   NULL::text AS deal_name, NULL::numeric AS probability, NULL::date AS close_date,
                   NULL::timestamptz AS stage_since, NULL::bigint AS version, NULL::text AS next_step,
                   NULL::date AS next_step_due_on, NULL::time AS next_step_due_time, NULL::text AS party_name,
                   NULL::text AS owner_name
            FROM picklists p WHERE p.category = {category}
            UNION ALL
            SELECT '{BoardRow.TotalKind}', t.stage, t.currency, t.leads, t.deals, t.value, t.weighted, FALSE, FALSE, FALSE, 0, 0,
                   {NoCard}
            FROM totals t
            UNION ALL
            {Cards(q, after: null)}
            ORDER BY kind, sort_order, picklist_id, stage, stage_since DESC, lead_id DESC
            """;
    }

    /// <summary>Per column, up to its take of the cards below its cursor card, in the board's order.</summary>
    public static string CardsAfter(PipelineQuery q, IReadOnlyList<(string Stage, int Take, PipelineCursor After)> columns)
    {
        var stages = q.Add(columns.Select(c => c.Stage).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        var takes = q.Add(columns.Select(c => c.Take).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        var sinces = q.Add(columns.Select(c => c.After.StageSince).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.TimestampTz);
        var ids = q.Add(columns.Select(c => c.After.LeadId).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        return $"""
            WITH columns AS (SELECT * FROM unnest({stages}, {takes}, {sinces}, {ids}) AS c(stage, take, after_since, after_id))
            {Cards(q, after: ("c.after_since", "c.after_id"))}
            ORDER BY stage, stage_since DESC, lead_id DESC
            """;
    }

    /// <summary>The cards of the relation <c>columns</c> (stage, take, and the cursor columns <paramref name="after"/> names).</summary>
    private static string Cards(PipelineQuery q, (string StageSince, string LeadId)? after) => $"""
        SELECT '{BoardRow.CardKind}' AS kind, f.stage, f.currency, 0 AS leads, 0 AS deals, f.value_amount AS value,
               0::numeric AS weighted, FALSE AS is_active, FALSE AS is_closed, FALSE AS needs_reason, 0 AS sort_order,
               0::bigint AS picklist_id, f.id AS lead_id, f.title, f.deal_id, f.deal_name, f.probability, f.close_date,
               f.stage_since, f.version, f.next_step, f.next_step_due_on, f.next_step_due_time, party.name AS party_name,
               (SELECT u.display_name FROM users u WHERE u.id = f.owner_user_id) AS owner_name
        FROM columns c
        CROSS JOIN LATERAL ({q.ColumnLeads("c.stage", "c.take", after)}) f
        LEFT JOIN LATERAL {Leads.LeadParty.SetFunction}(f.id) AS party(name) ON TRUE
        """;
}
