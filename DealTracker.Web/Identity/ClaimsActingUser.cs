using System.Globalization;
using System.Security.Claims;
using DealTracker.Data.Identity;
using Microsoft.AspNetCore.Components.Authorization;

namespace DealTracker.Web.Identity;

/// <summary>
/// The acting user of the data services in the web app: the circuit's authenticated user (which the revalidating
/// provider turns anonymous when the user is deactivated), or the HTTP request's user outside components.
/// Nobody signed in acts as <see cref="ActingUser.Anonymous"/>: sees nothing owned, changes nothing.
/// </summary>
public sealed class ClaimsActingUser(AuthenticationStateProvider authentication, IHttpContextAccessor http) : IActingUser
{
    public long? UserId => Current.UserId;
    public bool IsManagerOrAdmin => Current.IsManagerOrAdmin;
    public bool IsAdmin => Current.IsAdmin;

    private ActingUser Current => FromPrincipal(Principal);

    private ClaimsPrincipal? Principal
    {
        get
        {
            try
            {
                // On the server the state is always a completed task once set for the request or circuit.
                var state = authentication.GetAuthenticationStateAsync();
                if (state.IsCompletedSuccessfully)
                    return state.Result.User;
            }
            catch (InvalidOperationException)
            {
                // Not set: a plain HTTP endpoint outside Razor components.
            }
            return http.HttpContext?.User;
        }
    }

    public static ActingUser FromPrincipal(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true
            || !long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return ActingUser.Anonymous;
        return ActingUser.For(id, Roles.All.Where(user.IsInRole));
    }
}
