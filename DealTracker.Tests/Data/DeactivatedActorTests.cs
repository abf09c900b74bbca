using DealTracker.Data.Deals;
using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Parties;
using DealTracker.Data.Users;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealTracker.Tests.Data;

/// <summary>A deactivated user's open tab can change nothing, from the moment the deactivation commits.</summary>
public sealed class DeactivatedActorTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task The_first_write_after_a_deactivation_is_refused_by_every_write_service()
    {
        var user = await db.Services.CreateUserAsync(Roles.Sales);
        var asUser = db.As(ActingUser.Sales(user));
        var deals = asUser.GetRequiredService<DealService>();
        var dealId = await deals.CreateDealAsync(new DealInput("Before deactivation"));
        var version = (await deals.GetDealAsync(dealId))!.Version;

        await db.Get<UserAdminService>().SetActiveAsync(user, active: false);

        var renamed = await Assert.ThrowsAsync<RuleViolationException>(() =>
            deals.UpdateDealAsync(dealId, version, new DealInput("After deactivation")));
        Assert.Equal(ActiveUser.DeactivatedMessage, renamed.Message);
        var created = await Assert.ThrowsAsync<RuleViolationException>(() =>
            asUser.GetRequiredService<PartyService>().CreateOrganizationAsync(TestData.Unique("Org by the deactivated")));
        Assert.Equal(ActiveUser.DeactivatedMessage, created.Message);
        Assert.Equal("Before deactivation", await db.ScalarAsync<string>($"SELECT name FROM deals WHERE id = {dealId}"));
    }

    [Theory]
    [InlineData("READ COMMITTED")]
    [InlineData("REPEATABLE READ")]
    public async Task A_write_racing_an_uncommitted_deactivation_waits_for_it_and_is_refused(string isolation)
    {
        var user = await db.Services.CreateUserAsync(Roles.Sales);
        var deals = db.As(ActingUser.Sales(user)).GetRequiredService<DealService>();
        var dealId = await deals.CreateDealAsync(new DealInput("Racing deactivation"));
        var version = (await deals.GetDealAsync(dealId))!.Version;

        await using var admin = new NpgsqlConnection(db.ConnectionString);
        await admin.OpenAsync();
        await using var tx = await admin.BeginTransactionAsync(isolation == "READ COMMITTED"
            ? System.Data.IsolationLevel.ReadCommitted : System.Data.IsolationLevel.RepeatableRead);
        await using (var deactivate = new NpgsqlCommand($"UPDATE users SET is_active = false WHERE id = {user}", admin, tx))
            await deactivate.ExecuteNonQueryAsync();

        var save = deals.UpdateDealAsync(dealId, version, new DealInput("Saved while being deactivated"));
        await WaitUntilABackendWaitsOnALockAsync();
        Assert.False(save.IsCompleted);
        await tx.CommitAsync();

        var refusal = await Assert.ThrowsAsync<RuleViolationException>(() => save);
        Assert.Equal(ActiveUser.DeactivatedMessage, refusal.Message);
        Assert.Equal("Racing deactivation", await db.ScalarAsync<string>($"SELECT name FROM deals WHERE id = {dealId}"));
    }

    private async Task WaitUntilABackendWaitsOnALockAsync()
    {
        var database = new NpgsqlConnectionStringBuilder(db.ConnectionString).Database;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await db.ScalarAsync<long>(
                   $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database}' AND wait_event_type = 'Lock'") == 0)
            await Task.Delay(20, timeout.Token);
    }
}
