using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace DealTracker.Data.Pipeline;

/// <summary>
/// Reads the pipeline board: columns in stage order, per-currency money over whole columns, and the first cards of
/// every column. A board loads in three SQL statements however many leads there are (stages, totals, cards).
/// Moves go through <see cref="Leads.LeadService.MoveLeadToStageAsync"/>. Scoped: every statement sees only the leads
/// (and deals, in lookups) the injected <see cref="IActingUser"/> may see, so cards, totals and chart agree with it.
/// </summary>
public sealed class PipelineService(IDbContextFactory<DealTrackerDbContext> factory, IActingUser actor,
    AppClock? clock = null)
{
    public const int PageSize = 25;

    /// <summary>"Overdue" and "due this week" are judged on the app's calendar (UTC when none is given).</summary>
    private AppClock Clock { get; } = clock ?? AppClock.For(null);

    /// <summary>A column never re-reads more than this many cards at once, however far the user scrolled.</summary>
    public const int MaxCardsPerColumn = 500;

    /// <summary>The view this user's board with <paramref name="filter"/> shows, to share one read among its viewers.</summary>
    public PipelineView ViewOf(PipelineFilter filter, IReadOnlyDictionary<string, int>? loadedPerColumn) =>
        PipelineView.For(actor, filter, loadedPerColumn);

    /// <summary>
    /// Loads the board. <paramref name="loadedPerColumn"/> asks for more than the first page in some columns, so a
    /// live refresh keeps the cards a user has already scrolled to.
    /// </summary>
    public async Task<PipelineBoardData> LoadBoardAsync(PipelineFilter filter,
        IReadOnlyDictionary<string, int>? loadedPerColumn = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);

        var stages = await db.Picklists.AsNoTracking()
            .Where(p => p.Category == PicklistCategories.Stage)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Id)
            .Select(p => new { p.Value, p.IsActive, p.IsClosed, p.NeedsReason })
            .ToListAsync(ct);

        var totals = MaintainedTotals.For(actor, filter) is { } maintained
            ? await maintained.ReadAsync(db, ct)
            : await CountTotalsAsync(db, filter, actor, ct);
        var leadCounts = totals.Where(t => t.Stage is not null && t.Currency is null)
            .ToDictionary(t => t.Stage!, t => t.Leads);

        // Active stages always get a column; an inactive or unknown value only while leads (under this filter) hold it.
        var known = stages.Select(s => s.Value).ToHashSet();
        var columns = stages.Where(s => s.IsActive || leadCounts.ContainsKey(s.Value))
            .Select(s => (s.Value, s.IsActive, IsKnown: true, s.IsClosed, s.NeedsReason))
            .Concat(leadCounts.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal)
                .Select(k => (Value: k, IsActive: false, IsKnown: false, IsClosed: false, NeedsReason: false)))
            .ToList();

        var wanted = columns.Where(c => leadCounts.ContainsKey(c.Value))
            .Select(c => (c.Value, Take: Math.Clamp(loadedPerColumn?.GetValueOrDefault(c.Value) ?? 0, PageSize, MaxCardsPerColumn)))
            .ToList();
        var cards = wanted.Count == 0 ? [] : await ReadCardsAsync(db, filter, actor, wanted, after: null, ct);
        var cardsByStage = cards.ToLookup(c => c.Stage);

        return new PipelineBoardData(
            columns.Select(c => new PipelineColumn(c.Value, c.IsActive, c.IsKnown, c.IsClosed, c.NeedsReason,
                leadCounts.GetValueOrDefault(c.Value),
                Money(totals.Where(t => t.Stage == c.Value && t.Currency is not null)),
                cardsByStage[c.Value].ToList())).ToList(),
            Money(totals.Where(t => t.Stage is null)));
    }

    /// <summary>The next page of one column, after the last card the user has.</summary>
    public async Task<IReadOnlyList<PipelineCard>> LoadMoreAsync(PipelineFilter filter, string stage,
        PipelineCursor after, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ReadCardsAsync(db, filter, actor, [(stage, PageSize)], after, ct);
    }

    /// <summary>The names of the deal, organization and individual a (bookmarked) filter names by id.</summary>
    public async Task<PipelineFilterNames> GetFilterNamesAsync(PipelineFilter filter, CancellationToken ct = default)
    {
        if (filter is { DealId: null, OrganizationId: null, IndividualId: null })
            return new PipelineFilterNames(null, null, null);
        await using var db = await factory.CreateDbContextAsync(ct);
        var deal = filter.DealId is { } d ? await db.Deals.VisibleTo(actor).Where(x => x.Id == d).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var org = filter.OrganizationId is { } o ? await db.Organizations.Where(x => x.Id == o).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var ind = filter.IndividualId is { } i
            ? await db.Individuals.Where(x => x.Id == i).Select(x => x.GivenName + " " + x.FamilyName).FirstOrDefaultAsync(ct)
            : null;
        return new PipelineFilterNames(deal, org, ind);
    }

    private static IReadOnlyList<CurrencyAmount> Money(IEnumerable<PipelineTotalRow> rows) =>
        OpenMoney.Ordered(rows.Select(r => new CurrencyAmount(r.Currency!, r.Deals, r.Value, r.Weighted)));

    /// <summary>
    /// Per column: the lead count, and per currency the deals, value and weighted value, each deal once per column.
    /// Rows without a stage are the open total (<see cref="OpenMoney"/>) of the filtered leads. Counted from the leads,
    /// for a filter the <see cref="MaintainedTotals"/> do not cover.
    /// </summary>
    private async Task<List<PipelineTotalRow>> CountTotalsAsync(DealTrackerDbContext db, PipelineFilter filter,
        IActingUser actor, CancellationToken ct)
    {
        var q = new PipelineQuery(filter, actor, Clock);
        var stageCategory = q.Add(PicklistCategories.Stage, NpgsqlDbType.Text);
        var sql = $"""
            WITH f AS ({q.FilteredLeads()}),
            money AS (SELECT DISTINCT stage, deal_id, value_amount, currency, probability FROM f WHERE value_amount IS NOT NULL)
            SELECT stage, NULL::text AS currency, count(*)::int AS leads, 0 AS deals, 0::numeric AS value, 0::numeric AS weighted
            FROM f GROUP BY stage
            UNION ALL
            SELECT stage, currency, 0, {OpenMoney.Sums}
            FROM money GROUP BY stage, currency
            UNION ALL
            SELECT NULL, o.currency, 0, o.deals, o.value, o.weighted FROM ({OpenMoney.PerCurrency("money", stageCategory)}) o
            """;
        return await db.Database.SqlQueryRaw<PipelineTotalRow>(sql, q.Parameters.ToArray<object>()).ToListAsync(ct);
    }

    /// <summary>
    /// The cards of several columns in one statement: per column, the newest moves first, up to its own count.
    /// The party name (<see cref="Leads.LeadParty"/>) is looked up only for the cards returned.
    /// </summary>
    private async Task<List<PipelineCard>> ReadCardsAsync(DealTrackerDbContext db, PipelineFilter filter,
        IActingUser actor, IReadOnlyList<(string Stage, int Take)> columns, PipelineCursor? after, CancellationToken ct)
    {
        var q = new PipelineQuery(filter, actor, Clock);
        var stages = q.Add(columns.Select(c => c.Stage).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        var takes = q.Add(columns.Select(c => c.Take).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        var sql = $"""
            SELECT f.id AS lead_id, f.title, f.stage, f.deal_id, f.deal_name, f.value_amount AS value, f.currency,
                   f.probability, f.close_date, f.stage_since, f.version, f.next_step, f.next_step_due_on, f.next_step_due_time,
                   party.name AS party_name,
                   (SELECT u.display_name FROM users u WHERE u.id = f.owner_user_id) AS owner_name
            FROM unnest({stages}, {takes}) AS c(stage, take)
            CROSS JOIN LATERAL ({q.ColumnLeads("c.stage", "c.take", after)}) f
            LEFT JOIN LATERAL {Leads.LeadParty.SetFunction}(f.id) AS party(name) ON TRUE
            ORDER BY f.stage, f.stage_since DESC, f.id DESC
            """;
        return await db.Database.SqlQueryRaw<PipelineCard>(sql, q.Parameters.ToArray<object>()).ToListAsync(ct);
    }
}
