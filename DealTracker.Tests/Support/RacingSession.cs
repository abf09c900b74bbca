using System.Data;
using Npgsql;

namespace DealTracker.Tests.Support;

/// <summary>
/// One real database session holding one open transaction at a chosen isolation level, for interleaving two of them
/// statement by statement as two busy users would. Its snapshot is taken when it begins (a first statement), so at
/// REPEATABLE READ and SERIALIZABLE it predates whatever the other session commits afterwards.
/// </summary>
public sealed class RacingSession : IAsyncDisposable
{
    /// <summary>What PostgreSQL may answer a racing write with: a refusal or a serialization error, never a broken invariant.</summary>
    public static readonly IReadOnlySet<string> AcceptableRefusals = new HashSet<string>
    {
        PostgresErrorCodes.CheckViolation, PostgresErrorCodes.ForeignKeyViolation,
        PostgresErrorCodes.SerializationFailure, PostgresErrorCodes.DeadlockDetected,
    };

    private readonly NpgsqlConnection _connection;
    private readonly string _probe;
    private NpgsqlTransaction? _transaction;
    private int _pid;

    private RacingSession(NpgsqlConnection connection, string probe)
    {
        _connection = connection;
        _probe = probe;
    }

    public static async Task<RacingSession> BeginAsync(string connectionString, IsolationLevel level)
    {
        var session = new RacingSession(new NpgsqlConnection(connectionString), connectionString);
        await session._connection.OpenAsync();
        session._pid = session._connection.ProcessID;
        session._transaction = await session._connection.BeginTransactionAsync(level);
        await session.ExecuteAsync("SELECT count(*) FROM leads"); // takes the snapshot now
        return session;
    }

    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        foreach (var p in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        return await command.ExecuteNonQueryAsync();
    }

    public Task CommitAsync() => _transaction!.CommitAsync();

    /// <summary>Waits (for the condition, not a fixed time) until this session's running statement waits on a lock.</summary>
    public async Task WaitUntilBlockedAsync(Task statement)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var connection = new NpgsqlConnection(_probe);
        await connection.OpenAsync(timeout.Token);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = _pid });
        while (!statement.IsCompleted && (long)(await command.ExecuteScalarAsync(timeout.Token))! == 0)
            await Task.Delay(10, timeout.Token);
    }

    /// <summary>Runs a step and returns null when it succeeded, else the SQLSTATE it was refused with (other errors throw).</summary>
    public static async Task<string?> OutcomeAsync(Func<Task> step)
    {
        try
        {
            await step();
            return null;
        }
        catch (PostgresException e) when (AcceptableRefusals.Contains(e.SqlState))
        {
            return e.SqlState;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
            await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
