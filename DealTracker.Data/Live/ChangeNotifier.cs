using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DealTracker.Data.Live;

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

    private long _published;

    /// <summary>How many batches were published so far: a receiver that stopped listening compares it to know whether it missed any.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>
    /// Runs synchronously after each publish, before the subscribers, for in-process caches of what a change outdates
    /// (not a subscriber: it is no component and costs no read).
    /// </summary>
    internal event Action? AfterPublish;

    public void Publish(ChangeBatch batch)
    {
        Interlocked.Increment(ref _published);
        AfterPublish?.Invoke();
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
