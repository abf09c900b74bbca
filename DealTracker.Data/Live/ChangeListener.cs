using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DealTracker.Data.Live;

/// <summary>
/// Holds one long-lived connection that LISTENs for the notifications the database triggers send at commit, and
/// feeds them to the <see cref="ChangeNotifier"/>. After a dropped connection it reconnects and asks every
/// receiver to resynchronise, since notifications sent meanwhile are lost.
/// </summary>
public sealed class ChangeListener(string connectionString, ChangeNotifier notifier, ILogger<ChangeListener> logger)
    : BackgroundService
{
    public const string Channel = "dealtracker_changes";

    /// <summary>Notifications arriving this close together go out as one batch, so a burst causes one re-query.</summary>
    private static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(40);

    private readonly Channel<DataChange> _incoming = System.Threading.Channels.Channel.CreateUnbounded<DataChange>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var publishing = PublishLoopAsync(stoppingToken);
        var connectedBefore = false;
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 15, Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    if (Parse(e.Payload) is { } change)
                        _incoming.Writer.TryWrite(change);
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                if (connectedBefore)
                    notifier.Publish(new ChangeBatch([], Resync: true));
                connectedBefore = true;
                notifier.MarkListening();
                delay = TimeSpan.FromMilliseconds(250);
                logger.LogInformation("Listening for database changes");
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning("Change listener lost its connection ({Message}); retrying in {Delay}", ex.Message, delay);
                try { await Task.Delay(delay, stoppingToken); }
                catch (OperationCanceledException) { break; }
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
        _incoming.Writer.TryComplete();
        await publishing;
    }

    private async Task PublishLoopAsync(CancellationToken ct)
    {
        var reader = _incoming.Reader;
        try
        {
            while (await reader.WaitToReadAsync(ct))
            {
                await Task.Delay(CoalesceWindow, ct);
                var batch = new List<DataChange>();
                while (reader.TryRead(out var change))
                    batch.Add(change);
                if (batch.Count > 0)
                    notifier.Publish(new ChangeBatch(batch));
            }
        }
        catch (OperationCanceledException) { }
    }

    internal static DataChange? Parse(string payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            var ids = root.TryGetProperty("ids", out var idArray) && idArray.ValueKind == JsonValueKind.Array
                ? idArray.EnumerateArray().Select(i => i.GetInt64()).ToList()
                : null;
            return new DataChange(root.GetProperty("t").GetString() ?? "", root.GetProperty("op").GetString() ?? "", ids);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
