using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Live;
using DealTracker.Data.NextSteps;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealTracker.Tests.Data;

/// <summary>
/// A finished read of a view serves every board of that view until the next change, and the first pages it holds
/// serve boards that loaded more cards too. Each test reads its own leads (a search for its own prefix).
/// </summary>
public sealed class KeptBoardReadTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly ChangeNotifier _notifier = new(NullLogger<ChangeNotifier>.Instance);
    private readonly StatementCounter _counter = new();

    [Fact]
    public async Task A_board_asking_after_a_finished_read_of_its_view_gets_it_without_a_read()
    {
        var filter = await LeadsAsync("Kept", 16);
        var reads = new SharedBoardReads(_notifier);
        var first = await Refresh(reads, await ManagerAsync(), filter);

        _counter.Reset();
        var second = await Refresh(reads, await ManagerAsync(), filter);

        Assert.Equal(0, _counter.Count);
        Assert.Same(first, second);
        Assert.Equal(16, second.LeadCount);
    }

    [Fact]
    public async Task A_change_published_after_a_kept_read_makes_the_next_board_read_again()
    {
        var filter = await LeadsAsync("Outdated", 8);
        var reads = new SharedBoardReads(_notifier);
        var manager = await ManagerAsync();
        await Refresh(reads, manager, filter);

        await new DatabaseProbe(db.ConnectionString).ExecuteAsync(
            "UPDATE leads SET title = title || ' renamed' WHERE title LIKE 'Outdated%'");
        _notifier.Publish(new ChangeBatch([new DataChange("leads", "UPDATE", null)]));
        var keptAfterTheChange = reads.KeptViews;
        _counter.Reset();
        var after = await Refresh(reads, await ManagerAsync(), filter);

        Assert.Equal(0, keptAfterTheChange); // the outdated board is not held in memory
        Assert.Equal(1, _counter.Count);
        Assert.All(after.Columns.SelectMany(c => c.Cards), card => Assert.EndsWith(" renamed", card.Title));
    }

    [Fact]
    public async Task A_kept_managers_read_never_reaches_a_sales_board_nor_one_sales_users_read_another()
    {
        var filter = await LeadsAsync("Scoped", 8);
        var managerId = await db.Services.CreateUserAsync(Roles.Manager);
        var sellerId = await db.Services.CreateUserAsync(Roles.Sales);
        var probe = new DatabaseProbe(db.ConnectionString);
        await probe.ExecuteAsync("UPDATE leads SET owner_user_id = $1 WHERE title = 'Scoped lead 0'", managerId);
        await probe.ExecuteAsync("UPDATE leads SET owner_user_id = $1 WHERE title = 'Scoped lead 1'", sellerId);
        var reads = new SharedBoardReads(_notifier);

        var manager = await Refresh(reads, Pipeline(ActingUser.Manager(managerId)), filter);
        var seller = await Refresh(reads, Pipeline(ActingUser.Sales(sellerId)), filter);
        var otherSeller = await Refresh(reads, Pipeline(ActingUser.Sales(await db.Services.CreateUserAsync(Roles.Sales))), filter);

        Assert.Equal(8, manager.LeadCount);
        Assert.Equal(["Scoped lead 1"], Titles(seller).Where(t => t is "Scoped lead 0" or "Scoped lead 1"));
        Assert.Equal(7, seller.LeadCount);
        Assert.Equal(6, otherSeller.LeadCount); // neither the manager's lead nor the first seller's
    }

    [Fact]
    public async Task A_board_that_loaded_more_cards_shares_the_first_pages_and_reads_only_its_extra_cards()
    {
        var filter = await LeadsAsync("Deeper", 400); // 50 leads in each of the 8 stages
        var reads = new SharedBoardReads(_notifier);
        var plain = await Refresh(reads, await ManagerAsync(), filter);
        var scrolled = await ManagerAsync();
        var loaded = plain.Columns.ToDictionary(c => c.Stage, c => c.Cards.Count);
        loaded["New"] = PipelineService.PageSize + 15;

        _counter.Reset();
        var firstPages = await Refresh(reads, scrolled, filter);
        var board = await scrolled.WithLoadedCardsAsync(firstPages, filter, loaded);

        Assert.Same(plain, firstPages);
        Assert.Equal(1, _counter.Count); // the 15 extra cards of one column, nothing else
        var direct = await scrolled.LoadBoardAsync(filter, loaded);
        Assert.Equal(CardIds(direct), CardIds(board));
        Assert.Equal(PipelineService.PageSize + 15, board.Columns.Single(c => c.Stage == "New").Cards.Count);
        Assert.All(plain.Columns, c => Assert.Equal(PipelineService.PageSize, c.Cards.Count));
    }

    [Fact]
    public async Task A_board_opening_reads_afresh_and_its_read_serves_the_views_next_refresh()
    {
        var filter = await LeadsAsync("Opening", 8);
        var reads = new SharedBoardReads(_notifier);
        var manager = await ManagerAsync();
        await Refresh(reads, manager, filter);
        await new DatabaseProbe(db.ConnectionString).ExecuteAsync(
            "UPDATE leads SET title = title || ' saved' WHERE title LIKE 'Opening%'"); // its notice not yet published

        _counter.Reset();
        var opened = await reads.ReadFreshAsync(manager.ViewOf(filter), () => manager.LoadBoardAsync(filter));
        var refreshed = await Refresh(reads, await ManagerAsync(), filter);

        Assert.Equal(1, _counter.Count);
        Assert.All(opened.Columns.SelectMany(c => c.Cards), card => Assert.EndsWith(" saved", card.Title));
        Assert.Same(opened, refreshed);
    }

    [Fact]
    public async Task A_next_step_window_is_shared_only_while_its_read_runs_since_it_moves_with_the_clock()
    {
        var filter = await LeadsAsync("Window", 4) with { NextStep = NextStepWindow.Overdue };
        var reads = new SharedBoardReads(_notifier);
        await Refresh(reads, await ManagerAsync(), filter);

        _counter.Reset();
        await Refresh(reads, await ManagerAsync(), filter);

        Assert.Equal(1, _counter.Count);
    }

    [Fact]
    public async Task At_most_a_bounded_number_of_finished_reads_are_kept()
    {
        await LeadsAsync("Bounded", 2);
        var reads = new SharedBoardReads(_notifier);
        var manager = await ManagerAsync();
        for (var i = 0; i < SharedBoardReads.MaxKeptViews + 10; i++)
            await Refresh(reads, manager, new PipelineFilter(Search: $"Bounded lead {i}"));

        Assert.Equal(SharedBoardReads.MaxKeptViews, reads.KeptViews);
    }

    [Fact]
    public async Task A_board_opening_on_a_view_holds_the_same_card_objects_as_the_views_kept_read_for_unchanged_leads()
    {
        // Every open board keeps the cards it shows: boards of one view must share them (and the markup drawn from
        // them), not hold a copy each because each opened with a read of its own.
        var filter = await LeadsAsync("Shared cards", 12);
        var reads = new SharedBoardReads(_notifier);
        var manager = await ManagerAsync();
        var kept = await reads.ReadFreshAsync(manager.ViewOf(filter), () => manager.LoadBoardAsync(filter));
        var renamed = kept.Columns.SelectMany(c => c.Cards).First();
        await new DatabaseProbe(db.ConnectionString).ExecuteAsync(
            "UPDATE leads SET title = title || ' renamed' WHERE id = $1", renamed.LeadId);

        var opened = await reads.ReadFreshAsync(manager.ViewOf(filter), () => manager.LoadBoardAsync(filter));

        var before = kept.Columns.SelectMany(c => c.Cards).ToDictionary(c => c.LeadId);
        var after = opened.Columns.SelectMany(c => c.Cards).ToList();
        Assert.Equal(12, after.Count);
        Assert.All(after.Where(c => c.LeadId != renamed.LeadId), card => Assert.Same(before[card.LeadId], card));
        var changed = Assert.Single(after, c => c.LeadId == renamed.LeadId);
        Assert.EndsWith(" renamed", changed.Title);
        Assert.NotSame(renamed, changed);
    }

    private async Task<PipelineFilter> LeadsAsync(string prefix, int count)
    {
        await PipelineVolume.InsertAsync(new DatabaseProbe(db.ConnectionString), prefix, count);
        return new PipelineFilter(Search: prefix + " lead");
    }

    private PipelineService Pipeline(IActingUser actor) => new(_counter.Factory(db.ConnectionString), actor);

    private async Task<PipelineService> ManagerAsync() =>
        Pipeline(ActingUser.Manager(await db.Services.CreateUserAsync(Roles.Manager)));

    private Task<PipelineBoardData> Refresh(SharedBoardReads reads, PipelineService pipeline, PipelineFilter filter) =>
        reads.ReadAsync(pipeline.ViewOf(filter), _notifier.Published, () => pipeline.LoadBoardAsync(filter));

    private static List<string> Titles(PipelineBoardData board) => board.Columns.SelectMany(c => c.Cards).Select(c => c.Title).ToList();

    private static List<long> CardIds(PipelineBoardData board) => board.Columns.SelectMany(c => c.Cards).Select(c => c.LeadId).ToList();
}
