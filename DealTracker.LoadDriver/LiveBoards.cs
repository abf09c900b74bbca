using System.Collections.Concurrent;

namespace DealTracker.LoadDriver;

/// <summary>
/// Many headless circuits on live board pages, and the moves being watched on them. Bounded by design: loopback
/// addresses only, at most <see cref="MaxCircuits"/> circuits, every wait with a timeout; disposing it closes them all.
/// </summary>
public sealed class LiveBoards : IAsyncDisposable
{
    public const int MaxCircuits = 5_000;

    private readonly List<HeadlessCircuit> _circuits;
    private readonly ConcurrentDictionary<MoveWatch, byte> _watches = new();

    private LiveBoards(List<HeadlessCircuit> circuits)
    {
        _circuits = circuits;
        foreach (var circuit in circuits)
            circuit.BatchReceived += OnBatch;
    }

    public IReadOnlyList<HeadlessCircuit> Circuits => _circuits;
    public int Batches => _circuits.Sum(c => c.Batches);
    public IReadOnlyList<string> Errors => [.. _circuits.SelectMany(c => c.Errors.Select(e => $"{c.Name}: {e}"))];
    public int Disconnected => _circuits.Count(c => !c.IsConnected);

    /// <summary>
    /// Opens <paramref name="count"/> circuits on <paramref name="path"/>, taking their users in turn from
    /// <paramref name="users"/>, at most <paramref name="parallel"/> starting at once.
    /// </summary>
    public static async Task<LiveBoards> OpenAsync(IReadOnlyList<SignedInUser> users, string path, int count, int parallel, CancellationToken ct)
    {
        if (count is < 0 or > MaxCircuits)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"Between 0 and {MaxCircuits} circuits.");
        if (users.Count == 0 && count > 0)
            throw new ArgumentException("Circuits need at least one signed-in user.", nameof(users));
        if (users.FirstOrDefault(u => !u.BaseUrl.IsLoopback) is { } remote)
            throw new ArgumentException($"The load driver only drives loopback addresses, not {remote.BaseUrl}.", nameof(users));

        var circuits = new HeadlessCircuit?[count];
        using var gate = new SemaphoreSlim(Math.Max(1, parallel));
        var starts = Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                circuits[i] = await HeadlessCircuit.StartAsync(users[i % users.Count], path, $"circuit {i + 1}", null, ct);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        catch
        {
            foreach (var circuit in circuits)
            {
                if (circuit is not null)
                    await circuit.DisposeAsync();
            }
            throw;
        }
        return new LiveBoards([.. circuits.Select(c => c!)]);
    }

    /// <summary>Starts watching for <paramref name="leadId"/> appearing in <paramref name="stage"/>; call it just before making the move.</summary>
    public MoveWatch Watch(long leadId, string stage, Func<SignedInUser, bool> shouldSee)
    {
        var watch = new MoveWatch(leadId, stage, _circuits.Where(c => shouldSee(c.User)));
        _watches.TryAdd(watch, 0);
        return watch;
    }

    /// <summary>Stops feeding batches to <paramref name="watch"/> (after it completed or timed out).</summary>
    public void Forget(MoveWatch watch) => _watches.TryRemove(watch, out _);

    private void OnBatch(HeadlessCircuit circuit, IReadOnlyList<string> strings, long arrived)
    {
        foreach (var watch in _watches.Keys)
            watch.Observe(circuit, strings, arrived);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var circuit in _circuits)
            circuit.BatchReceived -= OnBatch;
        await Task.WhenAll(_circuits.Select(c => c.DisposeAsync().AsTask()));
    }
}
