using DealTracker.Data.Identity;
using DealTracker.Data.Preferences;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

/// <summary>A user's remembered choices (the board's folds) live with the user, not with a browser.</summary>
public sealed class UserPreferenceTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private UserPreferenceService PreferencesOf(IActingUser actor) => db.As(actor).GetRequiredService<UserPreferenceService>();

    [Fact]
    public async Task Folds_saved_by_a_user_come_back_for_that_user_only_and_a_new_save_replaces_them()
    {
        var me = ActingUser.Manager(await db.Services.CreateUserAsync(Roles.Manager));
        var colleague = ActingUser.Manager(await db.Services.CreateUserAsync(Roles.Manager));

        await PreferencesOf(me).SetAsync(UserPreferenceService.BoardFolds, new Dictionary<string, bool> { ["Won"] = false, ["Proposal"] = true });
        await PreferencesOf(me).SetAsync(UserPreferenceService.BoardFolds, new Dictionary<string, bool> { ["Won"] = false, ["New"] = true });

        // Another circuit (a new service scope, as another browser gets) reads what the first one saved.
        var mine = await PreferencesOf(me).GetAsync<Dictionary<string, bool>>(UserPreferenceService.BoardFolds);
        Assert.Equal(new Dictionary<string, bool> { ["Won"] = false, ["New"] = true }, mine);
        Assert.Null(await PreferencesOf(colleague).GetAsync<Dictionary<string, bool>>(UserPreferenceService.BoardFolds));
    }

    [Fact]
    public async Task Nobody_signed_in_has_no_preferences_and_saves_nothing()
    {
        await PreferencesOf(ActingUser.Anonymous).SetAsync(UserPreferenceService.BoardFolds, new Dictionary<string, bool> { ["Won"] = false });

        Assert.Null(await PreferencesOf(ActingUser.Anonymous).GetAsync<Dictionary<string, bool>>(UserPreferenceService.BoardFolds));
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM user_preferences WHERE user_id IS NULL OR user_id = 0"));
    }

    [Fact]
    public async Task A_deleted_users_preferences_go_with_them()
    {
        var user = await db.Services.CreateUserAsync(Roles.Sales);
        await PreferencesOf(ActingUser.Sales(user)).SetAsync(UserPreferenceService.BoardFolds, new Dictionary<string, bool> { ["New"] = true });

        await db.ExecuteSqlAsync($"DELETE FROM users WHERE id = {user}");

        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM user_preferences WHERE user_id = {user}"));
    }
}
