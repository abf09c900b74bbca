using DealTracker.Data.Live;

namespace DealTracker.Data.Pipeline;

/// <summary>
/// One board read per open view on this app instance and change, not one per viewer. A board asking for its
/// <see cref="PipelineView"/> gets the read of that view that started after the last change it was told of, running
/// or finished; otherwise a new read starts (an older read may predate that change). Finished reads are kept until
/// the next change is published (at most <see cref="MaxKeptViews"/> views), so boards refreshing one after the other
/// share them too. A read that replaces a finished one of the same view (a board opening reads afresh) hands on that
/// read's cards where they are unchanged (<see cref="ShareUnchangedCards"/>), so the boards open on a view hold one
/// copy of them, not one each.
/// </summary>
public sealed class SharedBoardReads
{
    /// <summary>Finished reads kept at once; beyond it the oldest finished one goes (running reads are never dropped).</summary>
    public const int MaxKeptViews = 64;

    private readonly ChangeNotifier _notifier;
    private readonly Lock _gate = new();
    private readonly Dictionary<PipelineView, Read> _reads = [];
    private long _started;

    private sealed record Read(long StartedAfterBatch, long Sequence, Task<PipelineBoardData> Board);

    public SharedBoardReads(ChangeNotifier notifier)
    {
        _notifier = notifier;
        // Lives as long as the notifier (both are singletons): a published change frees the reads it outdates.
        notifier.AfterPublish += DropOutdated;
    }

    /// <summary>Views whose read is running or kept (for tests and measurements).</summary>
    public int KeptViews
    {
        get { lock (_gate) return _reads.Count; }
    }

    /// <param name="seenBatches">The <see cref="ChangeNotifier.Published"/> count the caller has been told about.</param>
    public Task<PipelineBoardData> ReadAsync(PipelineView view, long seenBatches, Func<Task<PipelineBoardData>> read)
    {
        Read entry;
        TaskCompletionSource<PipelineBoardData> done;
        PipelineBoardData? earlier;
        lock (_gate)
        {
            if (_reads.TryGetValue(view, out var known) && known.StartedAfterBatch >= seenBatches)
                return known.Board;
            (entry, done, earlier) = Register(view);
        }
        _ = RunAsync(view, entry, done, read, earlier);
        return done.Task;
    }

    /// <summary>
    /// Always a new read, which then serves the view's other boards. For a board opening: it may follow a save of the
    /// user's own whose notice has not arrived yet, and must show it.
    /// </summary>
    public Task<PipelineBoardData> ReadFreshAsync(PipelineView view, Func<Task<PipelineBoardData>> read)
    {
        Read entry;
        TaskCompletionSource<PipelineBoardData> done;
        PipelineBoardData? earlier;
        lock (_gate)
            (entry, done, earlier) = Register(view);
        _ = RunAsync(view, entry, done, read, earlier);
        return done.Task;
    }

    /// <returns>The new read, and the view's read it replaces, if that one has finished.</returns>
    private (Read, TaskCompletionSource<PipelineBoardData>, PipelineBoardData?) Register(PipelineView view)
    {
        var done = new TaskCompletionSource<PipelineBoardData>(TaskCreationOptions.RunContinuationsAsynchronously);
        var entry = new Read(_notifier.Published, ++_started, done.Task);
        var earlier = _reads.TryGetValue(view, out var replaced) && replaced.Board.IsCompletedSuccessfully ? replaced.Board.Result : null;
        _reads[view] = entry;
        if (_reads.Count > MaxKeptViews)
            DropOldestFinished();
        return (entry, done, earlier);
    }

    private async Task RunAsync(PipelineView view, Read entry, TaskCompletionSource<PipelineBoardData> done,
        Func<Task<PipelineBoardData>> read, PipelineBoardData? earlier)
    {
        try
        {
            var board = await read();
            if (earlier is not null)
                board = ShareUnchangedCards(board, earlier);
            if (!view.KeepsUntilNextChange)
                Forget(view, entry);
            done.SetResult(board);
        }
        catch (Exception ex)
        {
            Forget(view, entry); // a failed read is never handed to the next board: it tries again
            done.SetException(ex);
        }
    }

    /// <summary>
    /// <paramref name="board"/> with each card that is equal to one of <paramref name="earlier"/> (the same lead, every
    /// value the same) replaced by that very object: boards showing either read then share it, and what is drawn from it.
    /// </summary>
    public static PipelineBoardData ShareUnchangedCards(PipelineBoardData board, PipelineBoardData earlier)
    {
        var known = new Dictionary<long, PipelineCard>();
        foreach (var column in earlier.Columns)
            foreach (var card in column.Cards)
                known.TryAdd(card.LeadId, card);
        return board with
        {
            Columns = board.Columns.Select(column => column with
            {
                Cards = column.Cards.Select(card => known.TryGetValue(card.LeadId, out var same) && same == card ? same : card).ToList(),
            }).ToList(),
        };
    }

    private void Forget(PipelineView view, Read entry)
    {
        lock (_gate)
        {
            if (_reads.TryGetValue(view, out var current) && ReferenceEquals(current, entry))
                _reads.Remove(view);
        }
    }

    private void DropOutdated()
    {
        var published = _notifier.Published;
        lock (_gate)
        {
            foreach (var (view, entry) in _reads.ToList())
                if (entry.StartedAfterBatch < published)
                    _reads.Remove(view);
        }
    }

    private void DropOldestFinished()
    {
        var oldest = _reads.Where(r => r.Value.Board.IsCompleted).MinBy(r => r.Value.Sequence);
        if (oldest.Value is not null)
            _reads.Remove(oldest.Key);
    }
}
