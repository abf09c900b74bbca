using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Live;
using DealTracker.Data.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace DealTracker.Benchmarks;

/// <summary>
/// Database statements one change costs an app instance with open boards, each refreshing as the board page does
/// (through <see cref="SharedBoardReads"/>, told of the change): N boards of one view (a manager, unfiltered), or N
/// boards spread over 10 views (the manager unfiltered, unassigned, and each sales owner's leads); all at once, or one
/// after the other (each board asking once the previous one has its board, as circuits whose refreshes do not overlap).
/// </summary>
public sealed class SharedReadCost(string connectionString, long managerId)
{
    public sealed record Figure(int Boards, int Views, bool OneAfterAnother, int Statements);

    public async Task<IReadOnlyList<Figure>> MeasureAsync()
    {
        var owners = new List<long>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT DISTINCT owner_user_id FROM leads WHERE owner_user_id IS NOT NULL ORDER BY 1 LIMIT 8", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                owners.Add(reader.GetInt64(0));
        }
        PipelineFilter[] views = [new(), new(Unassigned: true), .. owners.Select(o => new PipelineFilter(OwnerId: o))];
        var figures = new List<Figure>();
        foreach (var (boards, viewCount, oneAfterAnother) in new[] { (1, 1, false), (10, 1, false), (100, 1, false), (10, 10, false), (100, 10, false), (100, 10, true) })
            figures.Add(new Figure(boards, viewCount, oneAfterAnother,
                await StatementsAsync(boards, views.Take(viewCount).ToArray(), oneAfterAnother)));
        return figures;
    }

    private async Task<int> StatementsAsync(int boards, PipelineFilter[] views, bool oneAfterAnother)
    {
        var counter = new StatementCounter();
        var factory = counter.Factory(connectionString);
        var notifier = new ChangeNotifier(NullLogger<ChangeNotifier>.Instance);
        var reads = new SharedBoardReads(notifier);
        var open = Enumerable.Range(0, boards)
            .Select(i => (Pipeline: new PipelineService(factory, ActingUser.Manager(managerId)), Filter: views[i % views.Length]))
            .ToList();
        notifier.Publish(new ChangeBatch([]));
        counter.Reset();
        Task<PipelineBoardData> Refresh((PipelineService Pipeline, PipelineFilter Filter) b) =>
            reads.ReadAsync(b.Pipeline.ViewOf(b.Filter), notifier.Published, () => b.Pipeline.LoadBoardAsync(b.Filter));
        if (oneAfterAnother)
            foreach (var board in open)
                await Refresh(board);
        else
            await Task.WhenAll(open.Select(Refresh));
        return counter.Count;
    }
}
