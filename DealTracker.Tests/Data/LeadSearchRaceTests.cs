using System.Data;
using DealTracker.Data.Infrastructure;
using DealTracker.Tests.Support;
using Npgsql;

namespace DealTracker.Tests.Data;

/// <summary>
/// A lead's search text (<c>lead_search</c>) under two real sessions (as the app role) interleaved statement by
/// statement: one links a party to a lead (or moves a lead to a deal, or a contact to a person) while the other renames
/// that party. Whichever commits first and whatever the isolation level, the lead ends up found by the party's current
/// name; a session that cannot see the other's commit is refused with a serialization failure (40001, or a deadlock,
/// 40P01) and replayed, as the app's <c>DbWork</c> replays it.
/// </summary>
public sealed class LeadSearchRaceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>What is linked, and what is renamed.</summary>
    public enum Relink
    {
        OrganizationLinkedAndRenamed,
        IndividualLinkedAndRenamed,
        ContactLinkedAndItsPersonRenamed,
        ContactMovedToAPersonWhoIsRenamed,
        ContactLinkedAndMovedToAnotherPerson,
        LeadMovedToADealThatIsRenamed,
        LeadCreatedOnADealThatIsRenamed,
        IndividualSwappedForANamesakeAndRenamed,
    }

    public static TheoryData<Relink, IsolationLevel, bool> Cases()
    {
        var cases = new TheoryData<Relink, IsolationLevel, bool>();
        foreach (var relink in Enum.GetValues<Relink>())
            foreach (var level in new[] { IsolationLevel.ReadCommitted, IsolationLevel.RepeatableRead, IsolationLevel.Serializable })
                foreach (var secondWaits in new[] { true, false })
                    cases.Add(relink, level, secondWaits);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_rename_whose_snapshot_predates_a_link_leaves_the_lead_found_by_the_current_name(
        Relink relink, IsolationLevel level, bool renameWaitsForTheLink)
    {
        var race = await ArrangeAsync(relink);

        await RaceAsync(level, race.Link, race.Rename, renameWaitsForTheLink);

        await AssertFoundByCurrentNamesAsync(race);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_link_whose_snapshot_predates_a_rename_leaves_the_lead_found_by_the_current_name(
        Relink relink, IsolationLevel level, bool linkWaitsForTheRename)
    {
        var race = await ArrangeAsync(relink);

        await RaceAsync(level, race.Rename, race.Link, linkWaitsForTheRename);

        await AssertFoundByCurrentNamesAsync(race);
    }

    /// <summary>
    /// Both sessions begin (each takes its snapshot); the first runs its statement; the second runs its own, either
    /// while the first is still open (it waits on the first's locks) or after the first committed. A session refused
    /// with a serialization failure or deadlock is replayed in a new transaction, as the app does; at READ COMMITTED
    /// nobody is refused.
    /// </summary>
    private async Task RaceAsync(IsolationLevel level, Statement first, Statement second, bool secondWaits)
    {
        await using var one = await RacingSession.BeginAsync(db.ConnectionString, level);
        await using var two = await RacingSession.BeginAsync(db.ConnectionString, level);
        string? firstOutcome, secondOutcome;
        await one.ExecuteAsync(first.Sql, first.Args);
        if (secondWaits)
        {
            var running = two.ExecuteAsync(second.Sql, second.Args);
            await two.WaitUntilBlockedAsync(running);
            firstOutcome = await RacingSession.OutcomeAsync(one.CommitAsync);
            secondOutcome = await RacingSession.OutcomeAsync(async () =>
            {
                await running;
                await two.CommitAsync();
            });
        }
        else
        {
            firstOutcome = await RacingSession.OutcomeAsync(one.CommitAsync);
            secondOutcome = await RacingSession.OutcomeAsync(async () =>
            {
                await two.ExecuteAsync(second.Sql, second.Args);
                await two.CommitAsync();
            });
        }

        foreach (var outcome in new[] { firstOutcome, secondOutcome })
            Assert.True(outcome is null || (level != IsolationLevel.ReadCommitted
                    && outcome is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected),
                $"refused with {outcome} at {level}");
        if (firstOutcome is not null)
            await ReplayAsync(level, first);
        if (secondOutcome is not null)
            await ReplayAsync(level, second);
    }

    private async Task ReplayAsync(IsolationLevel level, Statement statement)
    {
        await using var replay = await RacingSession.BeginAsync(db.ConnectionString, level);
        await replay.ExecuteAsync(statement.Sql, statement.Args);
        await replay.CommitAsync();
    }

    private async Task AssertFoundByCurrentNamesAsync(SearchRace race)
    {
        const string contains = """
            SELECT position(lower($2) IN s.document) > 0 FROM lead_search s JOIN leads l ON l.id = s.lead_id WHERE l.title = $1
            """;
        Assert.True(await db.ScalarAsync<bool>(contains, race.Title, race.Current), $"not found by \"{race.Current}\"");
        Assert.False(await db.ScalarAsync<bool>(contains, race.Title, race.Stale), $"still found by \"{race.Stale}\"");
        var violations = await InvariantAudit.CountViolationsAsync(db.ConnectionString);
        Assert.All(violations, v => Assert.True(v.Value == 0, $"{v.Value} row(s) break \"{v.Key}\""));
    }

    /// <summary>A lead (with an organization, on a deal of its own) and the rows the race links and renames.</summary>
    private async Task<SearchRace> ArrangeAsync(Relink relink)
    {
        var title = TestData.Unique("Search race");
        var lead = await LeadAsync(title);
        var old = TestData.Unique("Old");
        var renamed = TestData.Unique("Renamed");
        switch (relink)
        {
            case Relink.OrganizationLinkedAndRenamed:
            {
                var organization = await OrganizationAsync(old);
                return new(title, renamed, old,
                    new("INSERT INTO lead_organizations (lead_id, organization_id) VALUES ($1, $2)", lead, organization),
                    new("UPDATE organizations SET name = $1 WHERE id = $2", renamed, organization));
            }
            case Relink.IndividualLinkedAndRenamed:
            {
                var individual = await IndividualAsync(old);
                return new(title, renamed, old,
                    new("INSERT INTO lead_individuals (lead_id, individual_id) VALUES ($1, $2)", lead, individual),
                    new("UPDATE individuals SET family_name = $1 WHERE id = $2", renamed, individual));
            }
            case Relink.ContactLinkedAndItsPersonRenamed:
            {
                var individual = await IndividualAsync(old);
                var contact = await ContactAsync(individual);
                return new(title, renamed, old,
                    new("INSERT INTO lead_contacts (lead_id, contact_id) VALUES ($1, $2)", lead, contact),
                    new("UPDATE individuals SET family_name = $1 WHERE id = $2", renamed, individual));
            }
            case Relink.ContactMovedToAPersonWhoIsRenamed:
            {
                var contact = await ContactAsync(await IndividualAsync(TestData.Unique("Before")));
                await db.ExecuteSqlAsync("INSERT INTO lead_contacts (lead_id, contact_id) VALUES ($1, $2)", lead, contact);
                var individual = await IndividualAsync(old);
                return new(title, renamed, old,
                    new("UPDATE contacts SET individual_id = $1 WHERE id = $2", individual, contact),
                    new("UPDATE individuals SET family_name = $1 WHERE id = $2", renamed, individual));
            }
            case Relink.ContactLinkedAndMovedToAnotherPerson:
            {
                var contact = await ContactAsync(await IndividualAsync(old));
                var individual = await IndividualAsync(renamed);
                return new(title, renamed, old,
                    new("INSERT INTO lead_contacts (lead_id, contact_id) VALUES ($1, $2)", lead, contact),
                    new("UPDATE contacts SET individual_id = $1 WHERE id = $2", individual, contact));
            }
            case Relink.LeadMovedToADealThatIsRenamed:
            {
                var deal = await DealAsync(old);
                return new(title, renamed, old,
                    new("UPDATE leads SET deal_id = $1 WHERE id = $2", deal, lead),
                    new("UPDATE deals SET name = $1 WHERE id = $2", renamed, deal));
            }
            case Relink.LeadCreatedOnADealThatIsRenamed:
            {
                var deal = await DealAsync(old);
                var newTitle = TestData.Unique("Search race new");
                return new(newTitle, renamed, old,
                    new("""
                        WITH l AS (INSERT INTO leads (deal_id, title) VALUES ($1, $2) RETURNING id),
                             s AS (INSERT INTO lead_status (lead_id, stage) SELECT id, 'New' FROM l)
                        INSERT INTO lead_organizations (lead_id, organization_id, is_primary)
                        SELECT l.id, o.organization_id, true FROM l, lead_organizations o WHERE o.lead_id = $3
                        """, deal, newTitle, lead),
                    new("UPDATE deals SET name = $1 WHERE id = $2", renamed, deal));
            }
            case Relink.IndividualSwappedForANamesakeAndRenamed:
            {
                // Swapping a person for a namesake leaves the search text as it was: only the rename changes it.
                var individual = await IndividualAsync(old);
                await db.ExecuteSqlAsync("INSERT INTO lead_individuals (lead_id, individual_id) VALUES ($1, $2)", lead, individual);
                var namesake = await IndividualAsync(old);
                return new(title, old, renamed,
                    new("""
                        WITH gone AS (DELETE FROM lead_individuals WHERE lead_id = $1 AND individual_id = $2)
                        INSERT INTO lead_individuals (lead_id, individual_id) VALUES ($1, $3)
                        """, lead, individual, namesake),
                    new("UPDATE individuals SET family_name = $1 WHERE id = $2", renamed, individual));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(relink), relink, null);
        }
    }

    /// <summary>A lead in stage New with one organization, on a deal of its own, written in one statement.</summary>
    private Task<long> LeadAsync(string title) =>
        db.ScalarAsync<long>("""
            WITH d AS (INSERT INTO deals (name) VALUES ($1) RETURNING id),
                 o AS (INSERT INTO organizations (name) VALUES ($1) RETURNING id),
                 l AS (INSERT INTO leads (deal_id, title) SELECT id, $1 FROM d RETURNING id),
                 s AS (INSERT INTO lead_status (lead_id, stage) SELECT id, 'New' FROM l),
                 lo AS (INSERT INTO lead_organizations (lead_id, organization_id, is_primary) SELECT l.id, o.id, true FROM l, o)
            SELECT id FROM l
            """, title);

    private Task<long> DealAsync(string name) =>
        db.ScalarAsync<long>("INSERT INTO deals (name) VALUES ($1) RETURNING id", name);

    private Task<long> OrganizationAsync(string name) =>
        db.ScalarAsync<long>("INSERT INTO organizations (name) VALUES ($1) RETURNING id", name);

    private Task<long> IndividualAsync(string familyName) =>
        db.ScalarAsync<long>("INSERT INTO individuals (given_name, family_name) VALUES ('Race', $1) RETURNING id", familyName);

    private Task<long> ContactAsync(long individual) =>
        db.ScalarAsync<long>("INSERT INTO contacts (individual_id) VALUES ($1) RETURNING id", individual);

    /// <summary>One SQL statement with its positional parameters.</summary>
    private sealed record Statement(string Sql, params object[] Args);

    /// <summary>
    /// The lead (by title) whose search text must hold <paramref name="Current"/> and not <paramref name="Stale"/>
    /// once both <paramref name="Link"/> and <paramref name="Rename"/> committed.
    /// </summary>
    private sealed record SearchRace(string Title, string Current, string Stale, Statement Link, Statement Rename);
}
