using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DealTracker.Tests.Data;

/// <summary>Counts the SQL commands EF sends to one database while it is alive (other test classes use other databases).</summary>
public sealed class QueryCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly IDisposable _subscription;
    private readonly List<IDisposable> _listeners = [];
    private int _count;

    public QueryCounter(string connectionString)
    {
        _database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
        _subscription = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public int Count => Volatile.Read(ref _count);

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_listeners)
                _listeners.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
            && data.Command.Connection?.Database == _database)
            Interlocked.Increment(ref _count);
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_listeners)
            _listeners.ForEach(l => l.Dispose());
    }
}
