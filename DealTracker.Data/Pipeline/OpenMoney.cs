using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace DealTracker.Data.Pipeline;

/// <summary>
/// Open and weighted money, defined once for the board header, the overview and the deal list. Over a set of leads
/// (<see cref="PipelineQuery.FilteredLeads"/>): a deal is open when at least one of those leads is in a stage that is
/// not closed (a lead without a stage, or in a stage no longer in the list, is open); each open deal with a value
/// counts once, in its own currency; weighted value is value × probability / 100 (no probability weighs nothing).
/// </summary>
internal static class OpenMoney
{
    /// <summary>Deal count, value and weighted value of the rows of a set with one row per deal.</summary>
    public const string Sums =
        "count(*)::int AS deals, sum(value_amount) AS value, sum(value_amount * COALESCE(probability, 0) / 100) AS weighted";

    /// <summary>
    /// Per currency: the deals, value and weighted value of the open deals among <paramref name="leads"/>, a relation
    /// with the columns stage, deal_id, value_amount, currency and probability.
    /// </summary>
    public static string PerCurrency(string leads, string stageCategory) => $"""
        SELECT currency, {Sums}
        FROM (SELECT DISTINCT m.deal_id, m.value_amount, m.currency, m.probability FROM {leads} m
              WHERE m.value_amount IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM picklists p
                                WHERE p.category = {stageCategory} AND p.value = m.stage AND p.is_closed)) o
        GROUP BY currency
        """;

    /// <summary>The open money of the leads <paramref name="query"/> selects, largest value first.</summary>
    public static async Task<IReadOnlyList<CurrencyAmount>> ReadAsync(DealTrackerDbContext db, PipelineQuery query,
        CancellationToken ct)
    {
        var stageCategory = query.Add(PicklistCategories.Stage, NpgsqlDbType.Text);
        var sql = $"""
            WITH f AS ({query.FilteredLeads()})
            {PerCurrency("f", stageCategory)}
            """;
        var rows = await db.Database.SqlQueryRaw<CurrencyAmount>(sql, query.Parameters.ToArray<object>()).ToListAsync(ct);
        return Ordered(rows);
    }

    public static IReadOnlyList<CurrencyAmount> Ordered(IEnumerable<CurrencyAmount> amounts) =>
        amounts.OrderByDescending(a => a.Value).ThenBy(a => a.Currency, StringComparer.Ordinal).ToList();
}
