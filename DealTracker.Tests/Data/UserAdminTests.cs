using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Users;
using DealTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Data;

public sealed class UserAdminTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private UserAdminService AsSystem => db.As(ActingUser.System).GetRequiredService<UserAdminService>();

    private static NewUser Valid(string? email = null, string password = TestUsers.Password, IReadOnlyList<string>? roles = null) =>
        new("Dana Tester", email ?? $"dana-{Guid.NewGuid():N}@example.com", roles ?? [Roles.Sales], password);

    [Fact]
    public async Task Bad_input_is_refused_next_to_the_right_field()
    {
        Assert.Equal("Password", (await Assert.ThrowsAsync<RuleViolationException>(() => AsSystem.CreateAsync(Valid(password: "short")))).Field);
        Assert.Equal("Email", (await Assert.ThrowsAsync<RuleViolationException>(() => AsSystem.CreateAsync(Valid(email: "not-an-email")))).Field);
        Assert.Equal("Roles", (await Assert.ThrowsAsync<RuleViolationException>(() => AsSystem.CreateAsync(Valid(roles: [])))).Field);
        Assert.Equal("Name", (await Assert.ThrowsAsync<RuleViolationException>(() => AsSystem.CreateAsync(Valid() with { DisplayName = " " }))).Field);

        var email = $"twice-{Guid.NewGuid():N}@example.com";
        await AsSystem.CreateAsync(Valid(email));
        var duplicate = await Assert.ThrowsAsync<RuleViolationException>(() => AsSystem.CreateAsync(Valid(email.ToUpperInvariant())));
        Assert.Equal(("Email", "A user with this email already exists."), (duplicate.Field, duplicate.Message));
    }

    [Fact]
    public async Task Only_admins_manage_users()
    {
        var manager = await db.Services.CreateUserAsync(Roles.Manager);
        var asManager = db.As(ActingUser.Manager(manager)).GetRequiredService<UserAdminService>();
        await Assert.ThrowsAsync<RuleViolationException>(() => asManager.CreateAsync(Valid()));
        await Assert.ThrowsAsync<RuleViolationException>(() => asManager.ListAsync(0, 10));
        await Assert.ThrowsAsync<RuleViolationException>(() => asManager.SetRolesAsync(manager, [Roles.Admin]));
    }

    [Fact]
    public async Task A_user_who_owns_records_is_deleted_only_after_reassigning_them()
    {
        var leaving = await db.Services.CreateUserAsync(Roles.Sales);
        var taking = await db.Services.CreateUserAsync(Roles.Sales);
        var data = new TestData(db.Services);
        var deal = await data.DealAsync(ownerUserId: leaving);
        var lead = await data.LeadAsync(deal, ownerUserId: leaving);

        var refused = await Assert.ThrowsAsync<UserOwnsRecordsException>(() => AsSystem.DeleteAsync(leaving));
        Assert.Equal((1, 1), (refused.Leads, refused.Deals));
        Assert.Equal(1L, await db.ScalarAsync<long>($"SELECT count(*) FROM users WHERE id = {leaving}"));

        Assert.Equal((1, 1), await AsSystem.ReassignAllAsync(leaving, taking));
        await AsSystem.DeleteAsync(leaving);

        Assert.Equal(0L, await db.ScalarAsync<long>($"SELECT count(*) FROM users WHERE id = {leaving}"));
        Assert.Equal(taking, await db.ScalarAsync<long>($"SELECT owner_user_id FROM leads WHERE id = {lead}"));
        Assert.Equal(taking, await db.ScalarAsync<long>($"SELECT owner_user_id FROM deals WHERE id = {deal}"));
    }

    [Fact]
    public async Task Deactivating_locks_the_user_out_and_reactivating_lets_them_back()
    {
        var user = await db.Services.CreateUserAsync(Roles.Sales);
        var stamp = await db.ScalarAsync<string>($"SELECT security_stamp FROM users WHERE id = {user}");

        await AsSystem.SetActiveAsync(user, false);

        Assert.False(await db.ScalarAsync<bool>($"SELECT is_active FROM users WHERE id = {user}"));
        Assert.True(await db.ScalarAsync<bool>($"SELECT lockout_end > now() + interval '100 years' FROM users WHERE id = {user}"));
        Assert.NotEqual(stamp, await db.ScalarAsync<string>($"SELECT security_stamp FROM users WHERE id = {user}"));

        await AsSystem.SetActiveAsync(user, true);
        Assert.True(await db.ScalarAsync<bool>($"SELECT is_active AND lockout_end IS NULL FROM users WHERE id = {user}"));
    }

    [Fact]
    public async Task The_last_active_admin_cannot_lose_the_role_and_admins_cannot_lock_themselves_out()
    {
        var admin = await db.Services.CreateUserAsync(Roles.Admin);
        var asAdmin = db.As(ActingUser.Admin(admin)).GetRequiredService<UserAdminService>();
        await Assert.ThrowsAsync<RuleViolationException>(() => asAdmin.SetRolesAsync(admin, [Roles.Manager]));
        await Assert.ThrowsAsync<RuleViolationException>(() => asAdmin.SetActiveAsync(admin, false));
        await Assert.ThrowsAsync<RuleViolationException>(() => asAdmin.DeleteAsync(admin));

        var roles = await AsSystem.ListAsync(0, 500);
        Assert.Equal([Roles.Admin], roles.Rows.Single(r => r.Id == admin).Roles);
    }

    [Fact]
    public async Task Roles_and_password_changes_take_effect()
    {
        var user = await db.Services.CreateUserAsync(Roles.Sales);
        await AsSystem.SetRolesAsync(user, [Roles.Sales, Roles.Manager]);
        var row = (await AsSystem.ListAsync(0, 500)).Rows.Single(r => r.Id == user);
        Assert.Equal([Roles.Sales, Roles.Manager], row.Roles);

        var before = await db.ScalarAsync<string>($"SELECT password_hash FROM users WHERE id = {user}");
        Assert.Equal("Password", (await Assert.ThrowsAsync<RuleViolationException>(() => AsSystem.ResetPasswordAsync(user, "tiny"))).Field);
        Assert.Equal(before, await db.ScalarAsync<string>($"SELECT password_hash FROM users WHERE id = {user}"));
        await AsSystem.ResetPasswordAsync(user, "a-brand-new-password");
        Assert.NotEqual(before, await db.ScalarAsync<string>($"SELECT password_hash FROM users WHERE id = {user}"));
    }
}
