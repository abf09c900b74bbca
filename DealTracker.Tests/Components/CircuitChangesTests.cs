using DealTracker.Data.Live;
using DealTracker.Web.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealTracker.Tests.Components;

/// <summary>A circuit listens for database changes only while its browser is connected, and catches up once after.</summary>
public sealed class CircuitChangesTests
{
    private readonly ChangeNotifier _notifier = new(NullLogger<ChangeNotifier>.Instance);
    private readonly CircuitConnection _connection = new();
    private static readonly ChangeBatch Move = new([new DataChange("lead_status", "UPDATE", [1])]);

    [Fact]
    public async Task A_disconnected_circuit_hears_nothing_and_catches_up_once_when_its_browser_returns()
    {
        var heard = 0;
        var caughtUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var catchUps = 0;
        using var subscription = new CircuitChanges(_notifier, _connection).Subscribe(
            _ => { Interlocked.Increment(ref heard); return Task.CompletedTask; },
            () => { Interlocked.Increment(ref catchUps); caughtUp.TrySetResult(); return Task.CompletedTask; });
        Assert.Equal(1, _notifier.SubscriberCount);

        _connection.Set(false);
        Assert.Equal(0, _notifier.SubscriberCount);
        _notifier.Publish(Move);
        _notifier.Publish(Move);
        _connection.Set(true);

        await caughtUp.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, catchUps);
        Assert.Equal(0, Volatile.Read(ref heard));
        Assert.Equal(1, _notifier.SubscriberCount);
    }

    [Fact]
    public void A_circuit_that_missed_nothing_does_not_read_again_on_reconnect()
    {
        var catchUps = 0;
        using var subscription = new CircuitChanges(_notifier, _connection).Subscribe(
            _ => Task.CompletedTask, () => { catchUps++; return Task.CompletedTask; });

        _connection.Set(false);
        _connection.Set(true);

        Assert.Equal(0, catchUps);
    }

    [Fact]
    public void A_disposed_subscription_unsubscribes_at_once_and_ignores_later_reconnects()
    {
        var subscription = new CircuitChanges(_notifier, _connection).Subscribe(_ => Task.CompletedTask, () => Task.CompletedTask);
        _connection.Set(false);
        subscription.Dispose();
        _connection.Set(true);

        Assert.Equal(0, _notifier.SubscriberCount);
    }
}
