using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Ownership;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace DealTracker.Data.Pipeline;

/// <summary>
/// Reads the pipeline board: columns in stage order, per-currency money over whole columns, and the first cards of
/// every column. A board loads in one SQL statement however many leads there are (stages, totals and cards together).
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
    public PipelineView ViewOf(PipelineFilter filter) => PipelineView.For(actor, filter);

    /// <summary>
    /// Loads the board in one statement. <paramref name="loadedPerColumn"/> asks for more than the first page in some
    /// columns (at most <see cref="MaxCardsPerColumn"/>).
    /// </summary>
    public async Task<PipelineBoardData> LoadBoardAsync(PipelineFilter filter,
        IReadOnlyDictionary<string, int>? loadedPerColumn = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = new PipelineQuery(filter, actor, Clock);
        var maintained = MaintainedTotals.For(actor, filter);
        var asked = (loadedPerColumn ?? new Dictionary<string, int>())
            .ToDictionary(c => c.Key, c => Math.Clamp(c.Value, PageSize, MaxCardsPerColumn));
        var sql = BoardStatement.FirstLoad(q, maintained?.Sql(q) ?? CountTotalsSql(q), asked);
        var rows = await db.Database.SqlQueryRaw<BoardRow>(sql, q.Parameters.ToArray<object>()).ToListAsync(ct);

        var stages = rows.Where(r => r.Kind == BoardRow.StageKind).ToList();
        var counted = rows.Where(r => r.Kind == BoardRow.TotalKind).Select(r => r.ToTotal());
        var totals = maintained is null ? counted.ToList() : MaintainedTotals.Combine(counted);
        var leadCounts = totals.Where(t => t.Stage is not null && t.Currency is null)
            .ToDictionary(t => t.Stage!, t => t.Leads);

        // Active stages always get a column; an inactive or unknown value only while leads (under this filter) hold it.
        var known = stages.Select(s => s.Stage!).ToHashSet();
        var columns = stages.Where(s => s.IsActive || leadCounts.ContainsKey(s.Stage!))
            .Select(s => (Value: s.Stage!, s.IsActive, IsKnown: true, s.IsClosed, s.NeedsReason))
            .Concat(leadCounts.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal)
                .Select(k => (Value: k, IsActive: false, IsKnown: false, IsClosed: false, NeedsReason: false)))
            .ToList();
        var cardsByStage = rows.Where(r => r.Kind == BoardRow.CardKind).Select(r => r.ToCard()).ToLookup(c => c.Stage);

        return new PipelineBoardData(
            columns.Select(c => new PipelineColumn(c.Value, c.IsActive, c.IsKnown, c.IsClosed, c.NeedsReason,
                leadCounts.GetValueOrDefault(c.Value),
                Money(totals.Where(t => t.Stage == c.Value && t.Currency is not null)),
                cardsByStage[c.Value].ToList())).ToList(),
            Money(totals.Where(t => t.Stage is null)));
    }

    /// <summary>
    /// <paramref name="firstPages"/> (a board of first pages, possibly shared with other viewers of the view) with the
    /// cards this user had loaded beyond them: per column as many as <paramref name="loadedPerColumn"/> says (at most
    /// <see cref="MaxCardsPerColumn"/>), read in one statement below each column's last card. No statement when no
    /// column needs more.
    /// </summary>
    public async Task<PipelineBoardData> WithLoadedCardsAsync(PipelineBoardData firstPages, PipelineFilter filter,
        IReadOnlyDictionary<string, int>? loadedPerColumn, CancellationToken ct = default)
    {
        var beyond = firstPages.Columns
            .Where(c => c.HasMore && c.Cards.Count > 0)
            .Select(c => (c.Stage, Take: Math.Min(loadedPerColumn?.GetValueOrDefault(c.Stage) ?? 0, MaxCardsPerColumn) - c.Cards.Count,
                After: PipelineCursor.After(c.Cards[^1])))
            .Where(c => c.Take > 0)
            .ToList();
        if (beyond.Count == 0)
            return firstPages;
        var more = (await ReadCardsAfterAsync(filter, beyond, ct)).ToLookup(c => c.Stage);
        return beyond.Aggregate(firstPages, (board, column) => board.WithMoreCards(column.Stage, more[column.Stage]));
    }

    /// <summary>The next page of one column, after the last card the user has.</summary>
    public Task<IReadOnlyList<PipelineCard>> LoadMoreAsync(PipelineFilter filter, string stage,
        PipelineCursor after, CancellationToken ct = default) =>
        ReadCardsAfterAsync(filter, [(stage, PageSize, after)], ct);

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
    private static string CountTotalsSql(PipelineQuery q)
    {
        var stageCategory = q.Add(PicklistCategories.Stage, NpgsqlDbType.Text);
        return $"""
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
    }

    /// <summary>Per column, up to its take of the cards below its cursor card (the party and owner looked up for those only).</summary>
    private async Task<IReadOnlyList<PipelineCard>> ReadCardsAfterAsync(PipelineFilter filter,
        IReadOnlyList<(string Stage, int Take, PipelineCursor After)> columns, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = new PipelineQuery(filter, actor, Clock);
        var sql = BoardStatement.CardsAfter(q, columns);
        var rows = await db.Database.SqlQueryRaw<BoardRow>(sql, q.Parameters.ToArray<object>()).ToListAsync(ct);
        return rows.Select(r => r.ToCard()).ToList();
    }
}
