using DealTracker.Data.Infrastructure;
using DealTracker.Data.Identity;
using DealTracker.Data.Pipeline;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Data;

/// <summary>The board loads in a fixed number of SQL statements however many leads there are.</summary>
public sealed class PipelineStatementCountTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Loading_the_board_takes_the_same_number_of_statements_at_50_and_at_5000_leads()
    {
        var counter = new StatementCounter();
        var factory = counter.Factory(db.ConnectionString);
        var pipeline = new PipelineService(factory, ActingUser.System);
        var sales = new PipelineService(factory, ActingUser.Sales(await db.Services.CreateUserAsync(Roles.Sales)));
        var probe = new DatabaseProbe(db.ConnectionString);

        await PipelineVolume.InsertAsync(probe, "Small", 50);
        var small = await CountAsync(counter, () => pipeline.LoadBoardAsync(new PipelineFilter()));
        await PipelineVolume.InsertAsync(probe, "Large", 4950);
        var large = await CountAsync(counter, () => pipeline.LoadBoardAsync(new PipelineFilter()));
        var filtered = await CountAsync(counter, () => pipeline.LoadBoardAsync(new PipelineFilter(Search: "Large")));
        var asSales = await CountAsync(counter, () => sales.LoadBoardAsync(new PipelineFilter()));
        var salesMine = await CountAsync(counter, () => sales.LoadBoardAsync(new PipelineFilter(Mine: true)));

        Assert.Equal(5000L, await db.ScalarAsync<long>("SELECT count(*) FROM leads"));
        Assert.Equal(1, small.Statements);
        Assert.Equal(small.Statements, large.Statements);
        Assert.Equal(small.Statements, filtered.Statements);
        Assert.Equal(small.Statements, asSales.Statements);
        Assert.True(salesMine.Statements <= small.Statements);
        Assert.Equal(5000, asSales.Board.LeadCount); // the volume leads are unassigned: a Sales user sees them
        Assert.Equal(5000, large.Board.LeadCount);
        Assert.All(large.Board.Columns, c => Assert.Equal(PipelineService.PageSize, c.Cards.Count));
    }

    private static async Task<(int Statements, PipelineBoardData Board)> CountAsync(StatementCounter counter, Func<Task<PipelineBoardData>> load)
    {
        counter.Reset();
        var board = await load();
        return (counter.Count, board);
    }
}
