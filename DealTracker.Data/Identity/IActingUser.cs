namespace DealTracker.Data.Identity;

/// <summary>
/// Who is acting, as the data services see it. The web app provides it from the signed-in user of the request or
/// circuit; tests and startup tasks register <see cref="ActingUser.System"/> explicitly. The services check
/// ownership against it, so a crafted request cannot bypass the rules by skipping a page.
/// </summary>
public interface IActingUser
{
    /// <summary>The signed-in user's id; null for the system actor and for nobody signed in.</summary>
    long? UserId { get; }

    /// <summary>Managers and admins see and edit every record and reassign owners.</summary>
    bool IsManagerOrAdmin { get; }

    /// <summary>Admins manage users and picklists.</summary>
    bool IsAdmin { get; }
}
