using System.Threading.Channels;
using DealTracker.Data.Live;
using DealTracker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealTracker.Tests.Data;

/// <summary>The LISTEN connection: committed changes reach subscribers, and a dropped connection comes back with a resync.</summary>
public sealed class ChangeListenerTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static async Task<ChangeBatch> NextAsync(ChannelReader<ChangeBatch> batches, Func<ChangeBatch, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var batch = await batches.ReadAsync(timeout.Token);
            if (match(batch))
                return batch;
        }
    }

    [Fact]
    public async Task After_its_connection_is_killed_the_listener_reconnects_asks_for_a_resync_and_hears_changes_again()
    {
        var notifier = new ChangeNotifier(NullLogger<ChangeNotifier>.Instance);
        var heard = Channel.CreateUnbounded<ChangeBatch>();
        using var subscription = notifier.Subscribe(batch => heard.Writer.WriteAsync(batch).AsTask());
        using var listener = new ChangeListener(db.ConnectionString, notifier, NullLogger<ChangeListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        await notifier.Listening;

        var organization = await new TestData(db.Services).OrganizationAsync();
        var change = await NextAsync(heard.Reader, b => b.Changes.Any(c => c.Table == "organizations"));
        Assert.Contains(change.Changes, c => c.Table == "organizations" && c.Ids!.Contains(organization));
        Assert.False(change.Resync);

        // The database drops the listening session (a restart, a failover, an idle-connection killer).
        Assert.Equal(1, await db.ScalarAsync<int>("""
            SELECT count(*)::int FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                                       WHERE datname = current_database() AND query LIKE 'LISTEN %') killed
            """));

        // Notifications sent while it was away are lost, so receivers are told to reload everything they show...
        var resync = await NextAsync(heard.Reader, b => b.Resync);
        Assert.True(resync.Touches("leads"));
        // ...and changes made after the reconnect arrive as before.
        var later = await new TestData(db.Services).OrganizationAsync();
        await NextAsync(heard.Reader, b => b.Changes.Any(c => c.Table == "organizations" && c.Ids!.Contains(later)));

        await listener.StopAsync(CancellationToken.None);
    }
}
