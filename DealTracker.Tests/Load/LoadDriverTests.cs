using DealTracker.Data;
using DealTracker.Data.Entities;
using DealTracker.Data.Identity;
using DealTracker.Data.Leads;
using DealTracker.Data.Ownership;
using DealTracker.Data.Seeding;
using DealTracker.LoadDriver;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealTracker.Tests.Load;

/// <summary>
/// The headless load driver sees what a browser would: each of its circuits receives, in a render batch, every move
/// its user may see on the live board, and never a move of a card its user may not see.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class LoadDriverTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDealTrackerData(app.ConnectionString);
        services.AddActingUserForTests();
        _services = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Ten_headless_circuits_each_see_every_move_their_user_may_see_and_none_other()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var baseUrl = new Uri(app.BaseUrl.TrimEnd('/') + "/");
        var accounts = DemoDataSeeder.DemoAccounts.Where(a => a.Role is Roles.Manager or Roles.Sales).ToList();
        var users = new List<SignedInUser>();
        var actors = new Dictionary<SignedInUser, IActingUser>();
        try
        {
            foreach (var account in accounts)
            {
                var user = await SignedInUser.SignInAsync(baseUrl, account.Email, account.Password, ct);
                users.Add(user);
                actors[user] = await ActorOfAsync(account.Email, account.Role);
            }
            // One manager and two Sales users in turn: 4 manager circuits, 3 of each Sales user.
            await using var boards = await LiveBoards.OpenAsync(users, "pipeline", 10, 5, ct);
            Assert.Equal(10, boards.Circuits.Count);

            var sales1 = actors[users[1]].UserId!.Value;
            var sales2 = actors[users[2]].UserId!.Value;
            var moves = new[]
            {
                await LeadToMoveAsync("l.owner_user_id = @owner", sales1),
                await LeadToMoveAsync("l.owner_user_id = @owner", sales2),
                // Last, as a barrier: an unassigned lead every circuit shows. Batches reach a circuit in order, so
                // once all ten showed it, a circuit that was going to show an earlier move it must not has done so.
                await LeadToMoveAsync("l.owner_user_id IS NULL", 0),
            };
            var watches = new List<MoveWatch>();
            foreach (var move in moves)
            {
                var lead = new Lead { Title = "", OwnerUserId = move.Owner };
                var watch = boards.Watch(move.LeadId, move.To, u => Visibility.Of<Lead>(actors[u]).Compile()(lead));
                watches.Add(watch);
                await _services.GetRequiredService<LeadService>().MoveLeadToStageAsync(move.LeadId, move.To, null, null, ct);
                Assert.True(await watch.WaitAsync(TimeSpan.FromSeconds(60), ct),
                    $"Lead {move.LeadId} → {move.To} never reached {string.Join(", ", watch.Missing.Select(c => $"{c.Name} ({c.User.Email})"))}.");
            }

            Assert.Equal([7, 7, 10], watches.Select(w => w.Expected));
            Assert.All(watches, w => Assert.Empty(w.Unexpected.Select(c => $"{c.Name} ({c.User.Email}) showed lead {w.LeadId}")));
            Assert.Empty(boards.Errors);
            Assert.Equal(0, boards.Disconnected);
        }
        finally
        {
            users.ForEach(u => u.Dispose());
        }
    }

    private async Task<IActingUser> ActorOfAsync(string email, string role)
    {
        var id = await new DatabaseProbe(app.ConnectionString).ScalarAsync<long>(
            "SELECT id FROM users WHERE normalized_email = $1", email.ToUpperInvariant());
        return ActingUser.For(id, [role]);
    }

    private sealed record Move(long LeadId, long? Owner, string To);

    /// <summary>A lead in Discovery matching <paramref name="condition"/>, to be moved to Proposal (an open stage, no reason asked).</summary>
    private async Task<Move> LeadToMoveAsync(string condition, long owner)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT l.id, l.owner_user_id FROM leads l JOIN lead_status s ON s.lead_id = l.id
            WHERE s.stage = 'Discovery' AND {condition} ORDER BY l.id LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("owner", owner);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"The demo data has a lead in Discovery with {condition}.");
        return new Move(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), "Proposal");
    }
}
