using System.Data;
using DealTracker.Data.Infrastructure;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

/// <summary>
/// Two real sessions (as the app role) interleaved statement by statement at each isolation level, as a busy team's
/// traffic would: one of them may be refused or hit a serialization error, but no invariant ever breaks.
/// </summary>
public sealed class InvariantRaceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    public static TheoryData<IsolationLevel> Levels =>
        new(IsolationLevel.ReadCommitted, IsolationLevel.RepeatableRead, IsolationLevel.Serializable);

    public static TheoryData<IsolationLevel, bool> LevelsAndCheckTiming => new()
    {
        { IsolationLevel.ReadCommitted, false }, { IsolationLevel.ReadCommitted, true },
        { IsolationLevel.RepeatableRead, false }, { IsolationLevel.RepeatableRead, true },
        { IsolationLevel.Serializable, false }, { IsolationLevel.Serializable, true },
    };

    [Theory]
    [MemberData(nameof(LevelsAndCheckTiming))]
    public async Task Two_sessions_removing_a_leads_last_organization_and_last_individual_never_leave_it_without_a_party(
        IsolationLevel level, bool checkImmediately)
    {
        var lead = await LeadWithOrganizationAndIndividualAsync();
        await using var first = await RacingSession.BeginAsync(db.ConnectionString, level);
        await using var second = await RacingSession.BeginAsync(db.ConnectionString, level);
        if (checkImmediately)
        {
            await first.ExecuteAsync("SET CONSTRAINTS ALL IMMEDIATE");
            await second.ExecuteAsync("SET CONSTRAINTS ALL IMMEDIATE");
        }

        await first.ExecuteAsync("DELETE FROM lead_organizations WHERE lead_id = $1", lead);
        var secondDelete = second.ExecuteAsync("DELETE FROM lead_individuals WHERE lead_id = $1", lead);
        await second.WaitUntilBlockedAsync(secondDelete);
        var firstOutcome = await RacingSession.OutcomeAsync(first.CommitAsync);
        var secondOutcome = await RacingSession.OutcomeAsync(async () =>
        {
            await secondDelete;
            await second.CommitAsync();
        });

        // At READ COMMITTED and REPEATABLE READ the second waits for the first and is refused; at SERIALIZABLE either
        // may get the serialization error. Under a loaded machine PostgreSQL's deadlock detector may also pick one of
        // the two (40P01): a refusal the app replays, never a broken rule. Never both succeed.
        Assert.False(firstOutcome is null && secondOutcome is null, "both removals committed");
        Assert.True(0 < await db.ScalarAsync<long>(
            "SELECT (SELECT count(*) FROM lead_individuals WHERE lead_id = $1) + (SELECT count(*) FROM lead_organizations WHERE lead_id = $1)",
            lead));
        if (level != IsolationLevel.Serializable)
            Assert.True(firstOutcome is null or "40P01", $"the first removal was refused with {firstOutcome}");
        await AssertNoViolationsAsync();
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task A_leads_status_cannot_be_deleted_and_a_lead_cannot_be_inserted_without_one(IsolationLevel level)
    {
        var lead = await LeadWithOrganizationAndIndividualAsync();
        await using (var session = await RacingSession.BeginAsync(db.ConnectionString, level))
        {
            await session.ExecuteAsync("DELETE FROM lead_status WHERE lead_id = $1", lead);
            Assert.Equal("23514", await RacingSession.OutcomeAsync(session.CommitAsync));
        }
        await using (var session = await RacingSession.BeginAsync(db.ConnectionString, level))
        {
            await session.ExecuteAsync("""
                WITH l AS (INSERT INTO leads (deal_id, title) SELECT deal_id, 'No status' FROM leads WHERE id = $1 RETURNING id)
                INSERT INTO lead_organizations (lead_id, organization_id) SELECT l.id, o.organization_id
                FROM l, lead_organizations o WHERE o.lead_id = $1
                """, lead);
            Assert.Equal("23514", await RacingSession.OutcomeAsync(session.CommitAsync));
        }
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM lead_status WHERE lead_id = $1", lead));
        await AssertNoViolationsAsync();
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task A_status_replaced_while_another_session_deletes_it_leaves_exactly_one(IsolationLevel level)
    {
        var lead = await LeadWithOrganizationAndIndividualAsync();
        await using var first = await RacingSession.BeginAsync(db.ConnectionString, level);
        await using var second = await RacingSession.BeginAsync(db.ConnectionString, level);

        await first.ExecuteAsync("DELETE FROM lead_status WHERE lead_id = $1", lead);
        await first.ExecuteAsync("INSERT INTO lead_status (lead_id, stage) VALUES ($1, 'Qualified')", lead);
        var secondDelete = second.ExecuteAsync("DELETE FROM lead_status WHERE lead_id = $1", lead);
        await second.WaitUntilBlockedAsync(secondDelete);
        Assert.Null(await RacingSession.OutcomeAsync(first.CommitAsync));
        await RacingSession.OutcomeAsync(async () =>
        {
            await secondDelete;
            await second.CommitAsync();
        });

        Assert.Equal("Qualified", await db.ScalarAsync<string>("SELECT stage FROM lead_status WHERE lead_id = $1", lead));
        await AssertNoViolationsAsync();
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task A_rename_whose_snapshot_predates_a_save_of_the_old_value_leaves_no_row_holding_it(IsolationLevel level)
    {
        var stage = await NewStageAsync();
        var leads = new[] { await LeadWithOrganizationAndIndividualAsync(), await LeadWithOrganizationAndIndividualAsync() };
        await db.ExecuteSqlAsync("UPDATE lead_status SET stage = $1 WHERE lead_id = $2", stage, leads[0]);

        await using var rename = await RacingSession.BeginAsync(db.ConnectionString, level);
        // A save of the old value commits after the rename's snapshot was taken.
        await db.ExecuteSqlAsync("UPDATE lead_status SET stage = $1 WHERE lead_id = $2", stage, leads[1]);
        var outcome = await RacingSession.OutcomeAsync(async () =>
        {
            await rename.ExecuteAsync(
                "UPDATE picklists SET value = $1 WHERE category = 'lead_status.stage' AND value = $2", stage + " renamed", stage);
            await rename.ExecuteAsync("UPDATE lead_status SET stage = $1 WHERE stage = $2", stage + " renamed", stage);
            await rename.CommitAsync();
        });

        var expected = outcome is null ? stage + " renamed" : stage;
        Assert.Equal(2L, await db.ScalarAsync<long>(
            "SELECT count(*) FROM lead_status WHERE stage = $1 AND lead_id = ANY($2)", expected, leads));
        await AssertNoViolationsAsync();
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task A_save_racing_an_uncommitted_rename_waits_and_is_refused_once_the_value_is_gone(IsolationLevel level)
    {
        var stage = await NewStageAsync();
        var lead = await LeadWithOrganizationAndIndividualAsync();
        await using var rename = await RacingSession.BeginAsync(db.ConnectionString, level);
        await using var save = await RacingSession.BeginAsync(db.ConnectionString, level);

        await rename.ExecuteAsync(
            "UPDATE picklists SET value = $1 WHERE category = 'lead_status.stage' AND value = $2", stage + " renamed", stage);
        var saving = save.ExecuteAsync("UPDATE lead_status SET stage = $1 WHERE lead_id = $2", stage, lead);
        await save.WaitUntilBlockedAsync(saving);
        Assert.Null(await RacingSession.OutcomeAsync(rename.CommitAsync));
        var saved = await RacingSession.OutcomeAsync(async () =>
        {
            await saving;
            await save.CommitAsync();
        });

        Assert.NotNull(saved);
        Assert.Equal("New", await db.ScalarAsync<string>("SELECT stage FROM lead_status WHERE lead_id = $1", lead));
        await AssertNoViolationsAsync();
    }

    private async Task AssertNoViolationsAsync()
    {
        var violations = await InvariantAudit.CountViolationsAsync(db.ConnectionString);
        Assert.All(violations, v => Assert.True(v.Value == 0, $"{v.Value} row(s) break \"{v.Key}\""));
    }

    private async Task<string> NewStageAsync()
    {
        var stage = TestData.Unique("Stage");
        await db.ExecuteSqlAsync(
            "INSERT INTO picklists (category, value, sort_order) VALUES ('lead_status.stage', $1, 100)", stage);
        return stage;
    }

    /// <summary>A lead in stage New with one organization and one individual, written in one statement as raw SQL.</summary>
    private Task<long> LeadWithOrganizationAndIndividualAsync() =>
        db.ScalarAsync<long>("""
            WITH d AS (INSERT INTO deals (name) VALUES ($1) RETURNING id),
                 o AS (INSERT INTO organizations (name) VALUES ($1) RETURNING id),
                 i AS (INSERT INTO individuals (given_name, family_name) VALUES ('Race', $1) RETURNING id),
                 l AS (INSERT INTO leads (deal_id, title) SELECT id, $1 FROM d RETURNING id),
                 s AS (INSERT INTO lead_status (lead_id, stage) SELECT id, 'New' FROM l),
                 lo AS (INSERT INTO lead_organizations (lead_id, organization_id, relationship, is_primary)
                        SELECT l.id, o.id, 'Prospect', true FROM l, o),
                 li AS (INSERT INTO lead_individuals (lead_id, individual_id, relationship, is_primary)
                        SELECT l.id, i.id, 'Champion', true FROM l, i)
            SELECT id FROM l
            """, TestData.Unique("Race"));
}
