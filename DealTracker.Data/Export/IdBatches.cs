namespace DealTracker.Data.Export;

/// <summary>
/// Turns a streamed, ordered list of ids into rows loaded a batch at a time, in the same order. The ids come from one
/// query (one snapshot, one sort however the list is sorted); each batch's rows come from another context, so the
/// export holds at most one batch in memory.
/// </summary>
internal static class IdBatches
{
    public const int Size = 1000;

    public static async IAsyncEnumerable<TRow> LoadAsync<TRow>(IAsyncEnumerable<long> orderedIds,
        Func<long[], Task<Dictionary<long, TRow>>> loadBatch,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var batch in orderedIds.Chunk(Size).WithCancellation(ct))
        {
            var rows = await loadBatch(batch);
            // A row changed or deleted between the two reads is left out rather than guessed.
            foreach (var id in batch)
                if (rows.TryGetValue(id, out var row))
                    yield return row;
        }
    }
}
