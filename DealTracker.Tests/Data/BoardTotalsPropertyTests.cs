using CsCheck;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>
/// For any sequence of moves, stage renames, stages closed and reopened, deal value/currency/probability edits, owner
/// changes, lead and deal deletes, lead creates and folds of the appended rows, the totals the database keeps equal a full recount, and the boards read
/// from them (a manager's, a Sales user's, one owner's) show what counting their cards with the open-money rule gives.
/// </summary>
public sealed class BoardTotalsPropertyTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private const int Kinds = 11;
    private static readonly string[] Currencies = ["USD", "EUR", "GBP"];

    [Fact]
    public async Task Kept_totals_equal_a_recount_after_any_sequence_of_changes()
    {
        var salesUser = await db.Services.CreateUserAsync(Roles.Sales);
        var otherUser = await db.Services.CreateUserAsync(Roles.Sales);
        long?[] owners = [null, salesUser, otherUser];
        var stage = TestData.Unique("Prop");
        await db.ExecuteSqlAsync("INSERT INTO picklists (category, value, sort_order) VALUES ('lead_status.stage', $1, 100)", stage);
        var probe = new DatabaseProbe(db.ConnectionString);

        await Gen.Select(Gen.Int[0, Kinds - 1].Array[10, 40], Gen.Int).SampleAsync(async (plan, seed) =>
        {
            var random = new Random(seed);
            foreach (var kind in plan)
                await ApplyAsync(kind, random, owners, probe);

            var violations = await InvariantAudit.CountViolationsAsync(db.ConnectionString);
            Assert.All(violations, v => Assert.True(v.Value == 0, $"{v.Value} row(s) break \"{v.Key}\""));
            await AssertBoardMatchesItsCardsAsync(ActingUser.Manager(otherUser), new PipelineFilter());
            await AssertBoardMatchesItsCardsAsync(ActingUser.Sales(salesUser), new PipelineFilter());
            await AssertBoardMatchesItsCardsAsync(ActingUser.Manager(otherUser), new PipelineFilter(OwnerId: salesUser));
            await AssertBoardMatchesItsCardsAsync(ActingUser.Manager(otherUser), new PipelineFilter(Unassigned: true));
        }, iter: 8, threads: 1);
    }

    private async Task ApplyAsync(int kind, Random random, long?[] owners, DatabaseProbe probe)
    {
        var leads = await probe.ScalarAsync<long[]>("SELECT COALESCE(array_agg(id ORDER BY id), '{}') FROM leads");
        var deals = await probe.ScalarAsync<long[]>("SELECT COALESCE(array_agg(id ORDER BY id), '{}') FROM deals");
        if (leads.Length < 4 || kind == 0)
        {
            // A lead on an existing deal (so deals get several leads) or a new one.
            var deal = deals.Length > 0 && random.Next(3) > 0 ? deals[random.Next(deals.Length)] : await NewDealAsync(random);
            await db.ScalarAsync<long>("""
                WITH o AS (INSERT INTO organizations (name) VALUES ($2) RETURNING id),
                     l AS (INSERT INTO leads (deal_id, title, owner_user_id) VALUES ($1, $2, $3) RETURNING id),
                     s AS (INSERT INTO lead_status (lead_id, stage) SELECT id, $4 FROM l),
                     lo AS (INSERT INTO lead_organizations (lead_id, organization_id, is_primary) SELECT l.id, o.id, true FROM l, o)
                SELECT id FROM l
                """, deal, TestData.Unique("Prop lead"), (object?)owners[random.Next(owners.Length)] ?? DBNull.Value, await AnyStageAsync(random));
            return;
        }
        var lead = leads[random.Next(leads.Length)];
        var someDeal = deals[random.Next(deals.Length)];
        switch (kind)
        {
            case 1 or 2:
                await db.ExecuteSqlAsync("UPDATE lead_status SET stage = $1 WHERE lead_id = $2", await AnyStageAsync(random), lead);
                break;
            case 3:
                await db.ExecuteSqlAsync("UPDATE picklists SET value = $1 WHERE category = 'lead_status.stage' AND sort_order = 100 AND value LIKE 'Prop%'",
                    TestData.Unique("Prop"));
                break;
            case 4:
                await db.ExecuteSqlAsync(
                    "UPDATE picklists SET is_closed = NOT is_closed WHERE category = 'lead_status.stage' AND sort_order = 100 AND value LIKE 'Prop%'");
                break;
            case 5:
                await db.ExecuteSqlAsync("UPDATE deals SET value_amount = $1, value_currency = $2 WHERE id = $3",
                    random.Next(4) == 0 ? DBNull.Value : (object)(random.Next(1, 10_000) * 1.25m), Currencies[random.Next(Currencies.Length)], someDeal);
                break;
            case 6:
                await db.ExecuteSqlAsync("UPDATE deals SET probability = $1 WHERE id = $2",
                    random.Next(4) == 0 ? DBNull.Value : (object)(decimal)random.Next(0, 101), someDeal);
                break;
            case 7:
                await db.ExecuteSqlAsync("UPDATE leads SET owner_user_id = $1 WHERE id = $2",
                    (object?)owners[random.Next(owners.Length)] ?? DBNull.Value, lead);
                break;
            case 8:
                await db.ExecuteSqlAsync("DELETE FROM leads WHERE id = $1", lead);
                break;
            case 9:
                await db.ExecuteSqlAsync("DELETE FROM deals WHERE id = $1", someDeal); // its leads go with it
                break;
            default:
                await db.ExecuteSqlAsync("SELECT board_totals_compact()");
                break;
        }
    }

    private async Task<long> NewDealAsync(Random random) =>
        await db.ScalarAsync<long>("INSERT INTO deals (name, value_amount, value_currency, probability) VALUES ($1, $2, $3, $4) RETURNING id",
            TestData.Unique("Prop deal"), random.Next(5) == 0 ? DBNull.Value : (object)(random.Next(1, 10_000) * 2.5m),
            Currencies[random.Next(Currencies.Length)], (decimal)random.Next(0, 101));

    private async Task<string> AnyStageAsync(Random random)
    {
        var stages = await db.ScalarAsync<string[]>(
            "SELECT array_agg(value ORDER BY sort_order, id) FROM picklists WHERE category = 'lead_status.stage'");
        return stages[random.Next(stages.Length)];
    }

    /// <summary>With every card loaded, the board's counts and money are what counting its cards gives.</summary>
    private async Task AssertBoardMatchesItsCardsAsync(IActingUser actor, PipelineFilter filter)
    {
        var pipeline = db.As(actor).GetRequiredService<PipelineService>();
        var first = await pipeline.LoadBoardAsync(filter);
        var board = await pipeline.LoadBoardAsync(filter,
            first.Columns.ToDictionary(c => c.Stage, _ => PipelineService.MaxCardsPerColumn));
        foreach (var column in board.Columns)
        {
            Assert.Equal(column.Cards.Count, column.LeadCount);
            Assert.Equal(MoneyOf(column.Cards), column.Totals);
        }
        Assert.Equal(MoneyOf(board.Columns.Where(c => !c.IsClosed).SelectMany(c => c.Cards)), board.OpenTotals);
    }

    private static IReadOnlyList<CurrencyAmount> MoneyOf(IEnumerable<PipelineCard> cards) =>
        cards.Where(c => c.Value is not null).DistinctBy(c => c.DealId).GroupBy(c => c.Currency)
            .Select(g => new CurrencyAmount(g.Key, g.Count(), g.Sum(c => c.Value!.Value), g.Sum(c => c.Value!.Value * (c.Probability ?? 0) / 100)))
            .OrderByDescending(a => a.Value).ThenBy(a => a.Currency, StringComparer.Ordinal).ToList();
}
