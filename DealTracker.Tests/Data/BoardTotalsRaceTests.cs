using System.Data;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>
/// The board's kept totals under two real sessions interleaved (as the app role): each change is a delta the other
/// session waits for, so both count. At REPEATABLE READ the second may be refused with a serialization failure, which
/// the app replays (EF's retrying strategy); it is replayed here, and the totals count both.
/// </summary>
public sealed class BoardTotalsRaceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    public static TheoryData<IsolationLevel> Levels => new(IsolationLevel.ReadCommitted, IsolationLevel.RepeatableRead);

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Two_racing_moves_of_different_deals_into_one_column_both_count(IsolationLevel level)
    {
        var stage = await NewStageAsync();
        var first = await LeadAsync(await DealAsync(1000m, "USD"));
        var second = await LeadAsync(await DealAsync(2500m, "USD"));

        await RaceAsync(level, ("UPDATE lead_status SET stage = $1 WHERE lead_id = $2", [stage, first]),
            ("UPDATE lead_status SET stage = $1 WHERE lead_id = $2", [stage, second]));

        var column = await ColumnAsync(stage);
        Assert.Equal(2, column.LeadCount);
        Assert.Equal(new CurrencyAmount("USD", 2, 3500m, 1750m), Assert.Single(column.Totals));
        await AssertTotalsEqualARecountAsync();
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Two_racing_moves_of_one_deals_leads_into_one_column_count_the_deal_once(IsolationLevel level)
    {
        var stage = await NewStageAsync();
        var deal = await DealAsync(4000m, "EUR");
        var first = await LeadAsync(deal);
        var second = await LeadAsync(deal);

        await RaceAsync(level, ("UPDATE lead_status SET stage = $1 WHERE lead_id = $2", [stage, first]),
            ("UPDATE lead_status SET stage = $1 WHERE lead_id = $2", [stage, second]));

        var column = await ColumnAsync(stage);
        Assert.Equal(2, column.LeadCount);
        Assert.Equal(new CurrencyAmount("EUR", 1, 4000m, 2000m), Assert.Single(column.Totals));
        await AssertTotalsEqualARecountAsync();
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task A_deal_edit_racing_a_move_of_its_lead_leaves_the_new_value_in_the_column(IsolationLevel level)
    {
        var stage = await NewStageAsync();
        var deal = await DealAsync(1000m, "USD");
        var lead = await LeadAsync(deal);

        await RaceAsync(level, ("UPDATE deals SET value_amount = 7000, value_currency = 'GBP', probability = 10 WHERE id = $1", [deal]),
            ("UPDATE lead_status SET stage = $1 WHERE lead_id = $2", [stage, lead]));

        Assert.Equal(new CurrencyAmount("GBP", 1, 7000m, 700m), Assert.Single((await ColumnAsync(stage)).Totals));
        await AssertTotalsEqualARecountAsync();
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task A_move_racing_an_owner_change_of_the_same_lead_counts_it_once_under_its_new_owner(IsolationLevel level)
    {
        var stage = await NewStageAsync();
        var owner = await db.Services.CreateUserAsync(Roles.Sales);
        var lead = await LeadAsync(await DealAsync(1000m, "USD"));

        await RaceAsync(level, ("UPDATE leads SET owner_user_id = $1 WHERE id = $2", [owner, lead]),
            ("UPDATE lead_status SET stage = $1 WHERE lead_id = $2", [stage, lead]));

        var board = await db.As(ActingUser.Sales(owner)).GetRequiredService<PipelineService>().LoadBoardAsync(new PipelineFilter(Mine: true));
        Assert.Equal(lead, Assert.Single(Assert.Single(board.Columns, c => c.Stage == stage).Cards).LeadId);
        Assert.Equal(1, board.LeadCount);
        await AssertTotalsEqualARecountAsync();
    }

    /// <summary>
    /// The first session runs its statement, the second runs its own and waits on the first; the first commits, then
    /// the second finishes, or (refused: a serialization failure or deadlock) is replayed as the app would.
    /// </summary>
    private async Task RaceAsync(IsolationLevel level, (string Sql, object[] Args) first, (string Sql, object[] Args) second)
    {
        await using var one = await RacingSession.BeginAsync(db.ConnectionString, level);
        await using var two = await RacingSession.BeginAsync(db.ConnectionString, level);
        await two.ExecuteAsync("SELECT 1"); // the second's snapshot predates the first's commit
        await one.ExecuteAsync(first.Sql, first.Args);
        var secondStatement = two.ExecuteAsync(second.Sql, second.Args);
        await two.WaitUntilBlockedAsync(secondStatement);
        Assert.Null(await RacingSession.OutcomeAsync(one.CommitAsync));
        var outcome = await RacingSession.OutcomeAsync(async () =>
        {
            await secondStatement;
            await two.CommitAsync();
        });
        if (level == IsolationLevel.ReadCommitted)
            Assert.Null(outcome);
        if (outcome is not null)
        {
            await using var replay = await RacingSession.BeginAsync(db.ConnectionString, level);
            await replay.ExecuteAsync(second.Sql, second.Args);
            await replay.CommitAsync();
        }
    }

    private async Task<PipelineColumn> ColumnAsync(string stage)
    {
        var board = await db.As(ActingUser.System).GetRequiredService<PipelineService>().LoadBoardAsync(new PipelineFilter());
        return Assert.Single(board.Columns, c => c.Stage == stage);
    }

    private async Task AssertTotalsEqualARecountAsync()
    {
        var violations = await InvariantAudit.CountViolationsAsync(db.ConnectionString);
        Assert.All(violations, v => Assert.True(v.Value == 0, $"{v.Value} row(s) break \"{v.Key}\""));
    }

    private async Task<string> NewStageAsync()
    {
        var stage = TestData.Unique("Race");
        await db.ExecuteSqlAsync(
            "INSERT INTO picklists (category, value, sort_order) VALUES ('lead_status.stage', $1, 100)", stage);
        return stage;
    }

    private Task<long> DealAsync(decimal value, string currency) =>
        db.ScalarAsync<long>("INSERT INTO deals (name, value_amount, value_currency, probability) VALUES ($1, $2, $3, 50) RETURNING id",
            TestData.Unique("Race deal"), value, currency);

    /// <summary>A lead of <paramref name="deal"/> in stage New with one organization, written in one statement.</summary>
    private Task<long> LeadAsync(long deal) =>
        db.ScalarAsync<long>("""
            WITH o AS (INSERT INTO organizations (name) VALUES ($2) RETURNING id),
                 l AS (INSERT INTO leads (deal_id, title) VALUES ($1, $2) RETURNING id),
                 s AS (INSERT INTO lead_status (lead_id, stage) SELECT id, 'New' FROM l),
                 lo AS (INSERT INTO lead_organizations (lead_id, organization_id, is_primary) SELECT l.id, o.id, true FROM l, o)
            SELECT id FROM l
            """, deal, TestData.Unique("Race lead"));
}
