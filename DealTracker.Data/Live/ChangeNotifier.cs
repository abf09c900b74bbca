using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DealTracker.Data.Live;

/// <summary>
/// Rows of one table changed by one committed statement. <see cref="Ids"/> is null when the statement touched so many
/// rows that listing them was pointless: receivers re-query what they show.
/// </summary>
public sealed record DataChange(string Table, string Operation, IReadOnlyList<long>? Ids);

/// <summary>
/// What changed in the database since the last batch, from any app instance. <see cref="Resync"/> means changes may
/// have been missed (the listening connection dropped and came back): receivers reload everything they show.
/// </summary>
public sealed record ChangeBatch(IReadOnlyList<DataChange> Changes, bool Resync = false)
{
    public bool Touches(params string[] tables) => Resync || Changes.Any(c => tables.Contains(c.Table));
}

/// <summary>
/// In-process fan-out of database changes. Components subscribe, and dispose the subscription when they go;
/// handlers run off the listener's thread, so a slow component never delays the others.
/// </summary>
public sealed class ChangeNotifier(ILogger<ChangeNotifier> logger)
{
    private readonly ConcurrentDictionary<Subscription, Func<ChangeBatch, Task>> _handlers = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the listener has subscribed to the database's change channel.</summary>
    public Task Listening => _listening.Task;

    internal void MarkListening() => _listening.TrySetResult();

    public IDisposable Subscribe(Func<ChangeBatch, Task> handler)
    {
        var subscription = new Subscription(this);
        _handlers[subscription] = handler;
        return subscription;
    }

    public int SubscriberCount => _handlers.Count;

    public void Publish(ChangeBatch batch)
    {
        foreach (var handler in _handlers.Values)
            _ = RunAsync(handler, batch);
    }

    private async Task RunAsync(Func<ChangeBatch, Task> handler, ChangeBatch batch)
    {
        try
        {
            await Task.Yield();
            await handler(batch);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A change subscriber failed");
        }
    }

    private sealed class Subscription(ChangeNotifier owner) : IDisposable
    {
        public void Dispose() => owner._handlers.TryRemove(this, out _);
    }
}
