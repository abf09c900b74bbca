using DealTracker.Data.Live;

namespace DealTracker.Data.Pipeline;

/// <summary>
/// One board read per open view on this app instance, not one per viewer: boards of the same
/// <see cref="PipelineView"/> asking for a refresh while a read of that view is under way get its result, provided it
/// started after the change they were told about (otherwise it may predate the change, and a new read starts).
/// </summary>
public sealed class SharedBoardReads(ChangeNotifier notifier)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<PipelineView, InFlight> _reads = [];

    private sealed record InFlight(long StartedAfterBatch, Task<PipelineBoardData> Board);

    /// <param name="seenBatches">The <see cref="ChangeNotifier.Published"/> count the caller has been told about.</param>
    public Task<PipelineBoardData> ReadAsync(PipelineView view, long seenBatches, Func<Task<PipelineBoardData>> read)
    {
        InFlight entry;
        TaskCompletionSource<PipelineBoardData> done;
        lock (_gate)
        {
            if (_reads.TryGetValue(view, out var running) && running.StartedAfterBatch >= seenBatches)
                return running.Board;
            done = new TaskCompletionSource<PipelineBoardData>(TaskCreationOptions.RunContinuationsAsynchronously);
            entry = new InFlight(notifier.Published, done.Task);
            _reads[view] = entry;
        }
        _ = RunAsync(view, entry, done, read);
        return done.Task;
    }

    private async Task RunAsync(PipelineView view, InFlight entry, TaskCompletionSource<PipelineBoardData> done,
        Func<Task<PipelineBoardData>> read)
    {
        try
        {
            var board = await read();
            Forget(view, entry);
            done.SetResult(board);
        }
        catch (Exception ex)
        {
            Forget(view, entry);
            done.SetException(ex);
        }
    }

    private void Forget(PipelineView view, InFlight entry)
    {
        lock (_gate)
        {
            if (_reads.TryGetValue(view, out var current) && ReferenceEquals(current, entry))
                _reads.Remove(view);
        }
    }
}
