using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Live;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealTracker.Tests.Data;

/// <summary>On a change, an app instance reads each open view once, however many boards show it.</summary>
public sealed class SharedBoardReadTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private readonly ChangeNotifier _notifier = new(NullLogger<ChangeNotifier>.Instance);

    [Fact]
    public async Task Two_boards_of_the_same_view_cause_one_read_and_a_sales_view_never_shares_a_managers()
    {
        var counter = new StatementCounter();
        var factory = counter.Factory(db.ConnectionString);
        var probe = new DatabaseProbe(db.ConnectionString);
        await PipelineVolume.InsertAsync(probe, "Shared", 30);
        var managerId = await db.Services.CreateUserAsync(Roles.Manager);
        await probe.ExecuteAsync($"UPDATE leads SET owner_user_id = {managerId} WHERE id = (SELECT min(id) FROM leads)");
        var reads = new SharedBoardReads(_notifier);
        var first = new PipelineService(factory, ActingUser.Manager(managerId));
        var second = new PipelineService(factory, ActingUser.Manager(await db.Services.CreateUserAsync(Roles.Manager)));
        var sales = new PipelineService(factory, ActingUser.Sales(await db.Services.CreateUserAsync(Roles.Sales)));
        var filter = new PipelineFilter();
        _notifier.Publish(new ChangeBatch([]));

        counter.Reset();
        var boards = await Task.WhenAll(
            Refresh(reads, first, filter), Refresh(reads, second, filter), Refresh(reads, sales, filter));

        Assert.Equal(2, counter.Count); // one read (one statement) for the two managers, one for the Sales user
        Assert.Same(boards[0], boards[1]);
        Assert.Equal(30, boards[0].LeadCount);
        Assert.Equal(29, boards[2].LeadCount); // the manager's own lead never reaches the Sales board
    }

    [Fact]
    public async Task A_change_published_during_a_shared_read_gets_a_read_of_its_own()
    {
        var factory = new StatementCounter().Factory(db.ConnectionString);
        var reads = new SharedBoardReads(_notifier);
        var manager = new PipelineService(factory, ActingUser.System);
        var filter = new PipelineFilter(Search: "During");
        await PipelineVolume.InsertAsync(new DatabaseProbe(db.ConnectionString), "During", 3);

        var before = Refresh(reads, manager, filter);
        await new DatabaseProbe(db.ConnectionString).ExecuteAsync(
            "UPDATE leads SET title = title || ' renamed' WHERE title LIKE 'During%'");
        _notifier.Publish(new ChangeBatch([new DataChange("leads", "UPDATE", null)]));
        var after = await Refresh(reads, manager, filter);

        await before;
        Assert.All(after.Columns.SelectMany(c => c.Cards), card => Assert.EndsWith(" renamed", card.Title));
    }

    private Task<PipelineBoardData> Refresh(SharedBoardReads reads, PipelineService pipeline, PipelineFilter filter) =>
        reads.ReadAsync(pipeline.ViewOf(filter), _notifier.Published, () => pipeline.LoadBoardAsync(filter));
}
