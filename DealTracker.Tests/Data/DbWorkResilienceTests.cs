using System.Net;
using System.Net.Sockets;
using DealTracker.Data;
using DealTracker.Data.Deals;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>
/// A unit of work that PostgreSQL rolled back for a deadlock is replayed and commits; a database that does not answer
/// becomes one clear sentence.
/// </summary>
public sealed class DbWorkResilienceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Two_writes_that_deadlock_both_commit_because_the_loser_is_replayed()
    {
        var data = new TestData(db.Services);
        var first = await data.DealAsync();
        var second = await data.DealAsync();
        var attempts = 0;
        using var bothHoldOne = new CountdownEvent(2);

        Task Write(long lockFirst, long lockSecond, string name) => db.DbFactory.WriteAsync(ActingUser.System, async ctx =>
        {
            var attempt = Interlocked.Increment(ref attempts);
            await ctx.Database.ExecuteSqlAsync($"UPDATE deals SET name = {name} WHERE id = {lockFirst}");
            if (attempt <= 2)
            {
                // Each holds one row and then asks for the other's: PostgreSQL must kill one of them.
                bothHoldOne.Signal();
                await Task.Run(() => bothHoldOne.Wait(TimeSpan.FromSeconds(30)));
            }
            await ctx.Database.ExecuteSqlAsync($"UPDATE deals SET description = {name} WHERE id = {lockSecond}");
        }, CancellationToken.None);

        await Task.WhenAll(Write(first, second, "one"), Write(second, first, "two"));

        Assert.Equal(3, attempts);
        Assert.Equal(2, await db.ScalarAsync<long>(
            $"SELECT count(*) FROM deals WHERE id IN ({first}, {second}) AND description IS NOT NULL"));
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_one_clear_sentence()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there any more
        var services = new ServiceCollection().AddLogging()
            .AddDealTrackerData($"Host=127.0.0.1;Port={port};Database=gone;Username=nobody;Timeout=5")
            .AddActingUserForTests().BuildServiceProvider();
        await using var _ = services;

        var refusal = await Assert.ThrowsAsync<DatabaseUnavailableException>(() =>
            services.GetRequiredService<DealService>().CreateDealAsync(new DealInput("Nowhere to go")));
        Assert.Equal(DatabaseUnavailableException.NotAnswering, refusal.Message);
    }
}
