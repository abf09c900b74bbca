using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DealTracker.Data.Pipeline;

/// <summary>
/// Folds the rows the board-total triggers append into one per key every <see cref="Interval"/>, so reading a board's
/// totals stays a lookup of a few hundred rows however many changes there were (<c>board_totals_compact()</c>). Safe
/// on several app instances at once: each appended row is folded exactly once.
/// </summary>
public sealed class BoardTotalsCompaction(string connectionString, ILogger<BoardTotalsCompaction> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    /// <summary>Folds once now (the benchmark calls this after a bulk load).</summary>
    public static async Task CompactAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT board_totals_compact()", connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CompactAsync(connectionString, stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // The totals stay exact without it (reads sum the rows); the next tick tries again.
                logger.LogWarning(ex, "Folding the board totals failed; retrying in {Interval}", Interval);
            }
        }
    }
}
