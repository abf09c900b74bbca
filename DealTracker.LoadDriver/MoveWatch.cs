using System.Collections.Concurrent;
using System.Diagnostics;

namespace DealTracker.LoadDriver;

/// <summary>
/// One move being watched for: the card <c>data-card-in="{lead}@{stage}"</c> (what the board renders for a lead in a
/// column, inside the card's markup) appearing in a render batch. Started just before the move is made; records, per circuit, the time from the
/// start to the first batch that rendered the card in its new column, and which circuits saw it without being expected to.
/// </summary>
public sealed class MoveWatch
{
    private readonly string _marker;
    private readonly HashSet<HeadlessCircuit> _expected;
    private readonly ConcurrentDictionary<HeadlessCircuit, double> _seen = new();
    private readonly ConcurrentDictionary<HeadlessCircuit, byte> _unexpected = new();
    private readonly TaskCompletionSource _allSeen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _started = Stopwatch.GetTimestamp();
    private int _remaining;

    public MoveWatch(long leadId, string stage, IEnumerable<HeadlessCircuit> expected)
    {
        LeadId = leadId;
        Stage = stage;
        _marker = $"data-card-in=\"{leadId}@{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(stage)}\"";
        _expected = [.. expected];
        _remaining = _expected.Count;
        if (_remaining == 0)
            _allSeen.TrySetResult();
    }

    public long LeadId { get; }
    public string Stage { get; }
    public int Expected => _expected.Count;

    /// <summary>Milliseconds from the move to display, one per expected circuit that displayed it.</summary>
    public IReadOnlyCollection<double> Latencies => [.. _seen.Values];
    public IReadOnlyCollection<HeadlessCircuit> Unexpected => [.. _unexpected.Keys];
    public IReadOnlyCollection<HeadlessCircuit> Missing => [.. _expected.Where(c => !_seen.ContainsKey(c))];

    /// <summary>Completes when every expected circuit has displayed the move, or after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await _allSeen.Task.WaitAsync(timeout, ct);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    internal void Observe(HeadlessCircuit circuit, IReadOnlyList<string> strings, long arrived)
    {
        if (!Contains(strings, _marker))
            return;
        if (!_expected.Contains(circuit))
        {
            _unexpected.TryAdd(circuit, 0);
            return;
        }
        if (_seen.TryAdd(circuit, Stopwatch.GetElapsedTime(_started, arrived).TotalMilliseconds) && Interlocked.Decrement(ref _remaining) == 0)
            _allSeen.TrySetResult();
    }

    private static bool Contains(IReadOnlyList<string> strings, string marker)
    {
        for (var i = 0; i < strings.Count; i++)
        {
            if (strings[i].Contains(marker, StringComparison.Ordinal))
                return true;
        }
        return false;
    }
}
