using DealTracker.Data.Identity;
using NpgsqlTypes;

namespace DealTracker.Data.Pipeline;

/// <summary>
/// The column totals the database keeps in the writing transaction (tables board_lead_counts, board_deal_leads and
/// board_money, see <c>Migrations/BoardTotalsSql.cs</c>), for the boards they cover: unfiltered, or filtered by owner
/// only. Kept per owner key (-1 every owner, 0 unassigned, else the owner's user id), so a board's totals are a
/// lookup: a manager's board reads key -1; a Sales user's board (their own and the unassigned leads) adds their key
/// and 0, less the deals counted under both in one column, so each deal still counts once per column. A board with
/// any other filter (deal, organization, individual, dates, next step, search) counts its totals from its leads.
/// </summary>
internal sealed class MaintainedTotals
{
    private readonly long[] _ownerKeys;
    private readonly long? _countedTwiceFor;

    private MaintainedTotals(long[] ownerKeys, long? countedTwiceFor)
    {
        _ownerKeys = ownerKeys;
        _countedTwiceFor = countedTwiceFor;
    }

    public const long EveryOwner = -1;
    public const long Unassigned = 0;

    /// <summary>The maintained totals that are exactly this board's, or null when its filter needs a count.</summary>
    public static MaintainedTotals? For(IActingUser actor, PipelineFilter filter)
    {
        if (!(filter with { OwnerId = null, Mine = false, Unassigned = false }).IsEmpty)
            return null;
        var me = actor.UserId;
        if (filter.Mine)
            return me is { } mine ? new([mine], null) : null;
        if (!actor.IsManagerOrAdmin && me is null)
            return null;
        if (filter.Unassigned)
            return new([Unassigned], null);
        if (filter.OwnerId is { } owner)
            return actor.IsManagerOrAdmin || owner == me ? new([owner], null) : null;
        return actor.IsManagerOrAdmin ? new([EveryOwner], null) : new([me!.Value, Unassigned], me);
    }

    /// <summary>
    /// The statement reading these totals as <see cref="PipelineTotalRow"/> columns, its values added to
    /// <paramref name="query"/>'s parameters; its rows go through <see cref="Combine"/>.
    /// </summary>
    public string Sql(PipelineQuery query)
    {
        var keys = query.Add(_ownerKeys, NpgsqlDbType.Array | NpgsqlDbType.Bigint);
        var twice = query.Add((object?)_countedTwiceFor ?? DBNull.Value, NpgsqlDbType.Bigint);
        return $"""
            SELECT stage, NULL::text AS currency, sum(leads)::int AS leads, 0 AS deals, 0::numeric AS value, 0::numeric AS weighted
            FROM board_lead_counts WHERE owner_key = ANY({keys}) GROUP BY stage HAVING sum(leads) > 0
            UNION ALL
            SELECT NULLIF(bucket, ''), currency, 0, sum(deals)::int, sum(value), sum(weighted)
            FROM board_money WHERE owner_key = ANY({keys}) GROUP BY bucket, currency
            UNION ALL
            SELECT NULLIF(m.bucket, ''), m.currency, 0, -count(*)::int, -sum(m.value), -sum(m.weighted)
            FROM board_deal_leads m
            JOIN board_deal_leads u ON u.owner_key = 0 AND u.bucket = m.bucket AND u.deal_id = m.deal_id AND u.leads > 0
            WHERE m.owner_key = {twice} AND m.leads > 0 AND m.value IS NOT NULL
            GROUP BY m.bucket, m.currency
            """;
    }

    /// <summary>The rows of <see cref="Sql"/> as the board's totals: the deals counted twice taken off each money row.</summary>
    public static List<PipelineTotalRow> Combine(IEnumerable<PipelineTotalRow> rows)
    {
        var all = rows.ToList();
        return all.Where(r => r.Currency is null).Concat(all.Where(r => r.Currency is not null)
                .GroupBy(r => (r.Stage, r.Currency))
                .Select(g => new PipelineTotalRow(g.Key.Stage, g.Key.Currency, 0, g.Sum(r => r.Deals), g.Sum(r => r.Value), g.Sum(r => r.Weighted)))
                .Where(r => r.Deals > 0))
            .ToList();
    }
}
