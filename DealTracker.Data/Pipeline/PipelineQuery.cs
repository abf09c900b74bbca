using System.Text;
using DealTracker.Data.Deals;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.NextSteps;
using DealTracker.Data.Ownership;
using Npgsql;
using NpgsqlTypes;

namespace DealTracker.Data.Pipeline;

/// <summary>
/// The board's SQL. Every statement starts from the same filtered set of leads, so the cards, the column totals
/// and the chart always agree, and that set holds only leads the acting user may see (Sales: their own and the
/// unassigned ones). Only fixed fragments are concatenated; every value travels as a parameter.
/// </summary>
internal sealed class PipelineQuery
{
    private readonly StringBuilder _where = new("TRUE");
    public List<NpgsqlParameter> Parameters { get; } = [];

    private PipelineQuery(IActingUser actor) =>
        _where.Append(" AND ").Append(Visibility.Sql(actor, "l.owner_user_id", me => Add(me, NpgsqlDbType.Bigint)));

    /// <summary>
    /// The leads the actor may see on the deals the deal list shows: deals the actor may see, whose name contains
    /// <paramref name="search"/>, owned as <paramref name="owner"/> says (the same filters as <c>DealService.ListDealsAsync</c>).
    /// </summary>
    public static PipelineQuery ForDealList(IActingUser actor, string? search, OwnerFilter owner, long? ownerUserId)
    {
        var q = new PipelineQuery(actor);
        q._where.Append(" AND ").Append(Visibility.Sql(actor, "d.owner_user_id", me => q.Add(me, NpgsqlDbType.Bigint)));
        if (SearchPattern.Contains(search) is { } pattern)
            q.And("d.name ILIKE {0}", pattern, NpgsqlDbType.Text);
        switch (owner)
        {
            case OwnerFilter.Mine when actor.UserId is { } me:
                q.And("d.owner_user_id = {0}", me, NpgsqlDbType.Bigint);
                break;
            case OwnerFilter.Mine:
                q._where.Append(" AND FALSE");
                break;
            case OwnerFilter.Unassigned:
                q._where.Append(" AND d.owner_user_id IS NULL");
                break;
            case OwnerFilter.User when ownerUserId is { } user:
                q.And("d.owner_user_id = {0}", user, NpgsqlDbType.Bigint);
                break;
            case OwnerFilter.User:
                q._where.Append(" AND d.owner_user_id IS NULL");
                break;
        }
        return q;
    }

    /// <summary>Every lead the actor may see, unfiltered (the overview's open money).</summary>
    public static PipelineQuery AllVisibleTo(IActingUser actor) => new(actor);

    public PipelineQuery(PipelineFilter filter, IActingUser actor, AppClock clock) : this(actor)
    {
        if (filter.Mine)
        {
            if (actor.UserId is { } me)
                And("l.owner_user_id = {0}", me, NpgsqlDbType.Bigint);
            else
                _where.Append(" AND FALSE");
        }
        else if (filter.Unassigned)
            _where.Append(" AND l.owner_user_id IS NULL");
        else if (filter.OwnerId is { } owner)
            And("l.owner_user_id = {0}", owner, NpgsqlDbType.Bigint);
        if (filter.NextStep is { } window)
        {
            var now = clock.Now;
            var today = DateOnly.FromDateTime(now);
            if (window == NextStepWindow.Overdue)
                _where.Append(" AND ").Append(string.Format(NextStepRules.OverdueSql,
                    Add(today, NpgsqlDbType.Date), Add(TimeOnly.FromDateTime(now), NpgsqlDbType.Time)));
            else
                _where.Append(" AND ").Append(string.Format(NextStepRules.DueThisWeekSql,
                    Add(AppClock.WeekStart(today), NpgsqlDbType.Date), Add(AppClock.WeekStart(today).AddDays(6), NpgsqlDbType.Date)));
        }
        if (filter.DealId is { } deal)
            And("l.deal_id = {0}", deal, NpgsqlDbType.Bigint);
        if (filter.OrganizationId is { } org)
            And("EXISTS (SELECT 1 FROM lead_organizations fo WHERE fo.lead_id = l.id AND fo.organization_id = {0})",
                org, NpgsqlDbType.Bigint);
        if (filter.IndividualId is { } individual)
            And("EXISTS (SELECT 1 FROM lead_individuals fi WHERE fi.lead_id = l.id AND fi.individual_id = {0})",
                individual, NpgsqlDbType.Bigint);
        if (filter.CloseFrom is { } from)
            And("d.close_date >= {0}", from, NpgsqlDbType.Date);
        if (filter.CloseTo is { } to)
            And("d.close_date <= {0}", to, NpgsqlDbType.Date);
        if (SearchPattern.Contains(filter.Search) is { } pattern)
            And("""
                (l.title ILIKE {0} OR d.name ILIKE {0}
                 OR EXISTS (SELECT 1 FROM lead_organizations so JOIN organizations o ON o.id = so.organization_id
                            WHERE so.lead_id = l.id AND o.name ILIKE {0})
                 OR EXISTS (SELECT 1 FROM lead_individuals si JOIN individuals i ON i.id = si.individual_id
                            WHERE si.lead_id = l.id AND (i.given_name || ' ' || i.family_name) ILIKE {0}))
                """, pattern, NpgsqlDbType.Text);
    }

    /// <summary>A lead's stage; a lead without a status row (written before the rule) is in the "(no stage)" column.</summary>
    public const string Stage = $"COALESCE(s.stage, '{PipelineColumn.NoStage}')";

    /// <summary>Since when the lead is in its stage (for a lead without a status: since it last changed).</summary>
    public const string StageSince = "COALESCE(s.stage_entered_at, l.updated_at)";

    /// <summary>The filtered leads with what the board needs of their status and deal.</summary>
    public string FilteredLeads(string extraCondition = "TRUE") => $"""
        SELECT {BoardColumns(Stage, StageSince)}
        FROM leads l
        LEFT JOIN lead_status s ON s.lead_id = l.id
        JOIN deals d ON d.id = l.deal_id
        WHERE {_where} AND {extraCondition}
        """;

    /// <summary>
    /// The filtered leads of the column named by <paramref name="stage"/> (an SQL expression) in the board's order,
    /// latest move first, at most <paramref name="take"/> of them, after the card whose stage time and lead id the SQL
    /// expressions <paramref name="after"/> give, when given. A stage's leads are read down the index on lead_status
    /// (stage, stage_entered_at, lead_id), so a page costs its cards, not the column; the "(no stage)" column (leads
    /// without a status row) is read from leads by their last change.
    /// </summary>
    public string ColumnLeads(string stage, string take, (string StageSince, string LeadId)? after)
    {
        string Keyset(string since, string id) => after is { } cursor
            ? $" AND ({since}, {id}) < ({cursor.StageSince}, {cursor.LeadId})"
            : "";
        return $"""
            (SELECT {BoardColumns("s.stage", "s.stage_entered_at")}
             FROM lead_status s
             JOIN leads l ON l.id = s.lead_id
             JOIN deals d ON d.id = l.deal_id
             WHERE s.stage = {stage} AND {_where}{Keyset("s.stage_entered_at", "s.lead_id")}
             ORDER BY s.stage_entered_at DESC, s.lead_id DESC
             LIMIT {take})
            UNION ALL
            (SELECT {BoardColumns($"'{PipelineColumn.NoStage}'", "l.updated_at")}
             FROM leads l
             LEFT JOIN lead_status s ON s.lead_id = l.id
             JOIN deals d ON d.id = l.deal_id
             WHERE {stage} = '{PipelineColumn.NoStage}' AND s.lead_id IS NULL AND {_where}{Keyset("l.updated_at", "l.id")}
             ORDER BY l.updated_at DESC, l.id DESC
             LIMIT {take})
            """;
    }

    private static string BoardColumns(string stage, string stageSince) => $"""
        l.id, l.title, l.deal_id, l.owner_user_id, {stage} AS stage, {stageSince} AS stage_since,
               COALESCE(s.xmin::text::bigint, 0) AS version,
               d.name AS deal_name, d.value_amount, COALESCE(d.value_currency, '{Currencies.Default}') AS currency, d.probability,
               d.close_date, l.next_step, l.next_step_due_on, l.next_step_due_time
        """;

    /// <summary>
    /// The filtered leads' ids in the board's order: columns left to right as the stage picklist orders them (stages
    /// not in the list last, by name), cards top to bottom as <see cref="PipelineService"/> shows them (latest move
    /// first). The single column is named Value, as EF's SqlQuery of a scalar expects.
    /// </summary>
    public string OrderedLeadIds()
    {
        var stageCategory = Add(Entities.PicklistCategories.Stage, NpgsqlDbType.Text);
        return $"""
            SELECT f.id AS "Value"
            FROM ({FilteredLeads()}) f
            LEFT JOIN picklists p ON p.category = {stageCategory} AND p.value = f.stage
            ORDER BY p.sort_order NULLS LAST, p.id, f.stage, f.stage_since DESC, f.id DESC
            """;
    }

    public string Add(object value, NpgsqlDbType type)
    {
        var name = $"p{Parameters.Count}";
        Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return "@" + name;
    }

    private void And(string condition, object value, NpgsqlDbType type) =>
        _where.Append(" AND ").Append(string.Format(condition, Add(value, type)));
}
