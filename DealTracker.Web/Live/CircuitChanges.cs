using DealTracker.Data.Live;

namespace DealTracker.Web.Live;

/// <summary>
/// The database change feed for one circuit, subscribed only while its browser is connected: a tab that was closed
/// (or lost its network) costs no reads. When the browser comes back, the component catches up once, and only if a
/// change was published while it was away.
/// </summary>
public sealed class CircuitChanges(ChangeNotifier notifier, CircuitConnection connection)
{
    /// <summary>How many change batches this instance has published; a read started after it includes them all.</summary>
    public long Published => notifier.Published;

    /// <param name="onChange">Runs for every change batch while the browser is connected.</param>
    /// <param name="catchUp">Runs once on reconnect when changes were missed meanwhile.</param>
    public IDisposable Subscribe(Func<ChangeBatch, Task> onChange, Func<Task> catchUp) =>
        new LiveSubscription(notifier, connection, onChange, catchUp);

    private sealed class LiveSubscription : IDisposable
    {
        private readonly ChangeNotifier _notifier;
        private readonly CircuitConnection _connection;
        private readonly Func<ChangeBatch, Task> _onChange;
        private readonly Func<Task> _catchUp;
        private readonly Lock _gate = new();
        private IDisposable? _feed;
        private long _publishedWhenDown;
        private bool _disposed;

        public LiveSubscription(ChangeNotifier notifier, CircuitConnection connection, Func<ChangeBatch, Task> onChange, Func<Task> catchUp)
        {
            _notifier = notifier;
            _connection = connection;
            _onChange = onChange;
            _catchUp = catchUp;
            _connection.Changed += OnConnectionChanged;
            if (_connection.IsUp)
                _feed = _notifier.Subscribe(_onChange);
            else
                _publishedWhenDown = _notifier.Published;
        }

        private void OnConnectionChanged(bool up)
        {
            bool missed;
            lock (_gate)
            {
                if (_disposed)
                    return;
                if (!up)
                {
                    _publishedWhenDown = _notifier.Published;
                    _feed?.Dispose();
                    _feed = null;
                    return;
                }
                _feed ??= _notifier.Subscribe(_onChange);
                missed = _notifier.Published != _publishedWhenDown;
            }
            if (missed)
                _ = _catchUp();
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _connection.Changed -= OnConnectionChanged;
                _feed?.Dispose();
                _feed = null;
            }
        }
    }
}
