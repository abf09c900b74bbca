using System.Security.Claims;
using DealTracker.Data.Identity;
using DealTracker.Data.Users;
using DealTracker.Tests.Support;
using DealTracker.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DealTracker.Tests.Data;

/// <summary>What the circuit's revalidation decides: an open tab loses access once its user is deactivated.</summary>
public sealed class SessionRevalidationTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private async Task<bool> StillValidAsync(ClaimsPrincipal principal)
    {
        using var scope = db.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        return await RevalidatingIdentityAuthenticationStateProvider.IsStillValidAsync(users, principal, options);
    }

    private async Task<ClaimsPrincipal> SignedInAsync(long userId)
    {
        using var scope = db.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        return await factory.CreateAsync((await users.FindByIdAsync(userId.ToString()))!);
    }

    [Fact]
    public async Task A_deactivated_user_loses_their_open_session()
    {
        var user = await db.Services.CreateUserAsync(Roles.Sales);
        var session = await SignedInAsync(user);
        Assert.True(await StillValidAsync(session));
        Assert.Equal(ActingUser.Sales(user), ClaimsActingUser.FromPrincipal(session));

        await db.Get<UserAdminService>().SetActiveAsync(user, false);

        Assert.False(await StillValidAsync(session));
    }

    [Fact]
    public async Task Changed_roles_end_the_session_so_it_picks_them_up()
    {
        var user = await db.Services.CreateUserAsync(Roles.Sales);
        var session = await SignedInAsync(user);

        await db.Get<UserAdminService>().SetRolesAsync(user, [Roles.Manager]);

        Assert.False(await StillValidAsync(session));
        Assert.Equal(ActingUser.Manager(user), ClaimsActingUser.FromPrincipal(await SignedInAsync(user)));
        Assert.Equal(ActingUser.Anonymous, ClaimsActingUser.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity())));
    }
}
