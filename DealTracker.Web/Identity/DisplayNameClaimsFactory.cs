using System.Security.Claims;
using DealTracker.Data.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DealTracker.Web.Identity;

/// <summary>Puts the user's display name in the sign-in cookie, so the app bar can greet them without a query.</summary>
public sealed class DisplayNameClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole<long>> roles,
    IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<AppUser, IdentityRole<long>>(users, roles, options)
{
    public const string DisplayNameClaim = "dealtracker:display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
