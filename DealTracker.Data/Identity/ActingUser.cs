namespace DealTracker.Data.Identity;

/// <summary>A fixed actor: the system (startup tasks, tests), or a given user with given roles.</summary>
public sealed record ActingUser(long? UserId, bool IsManagerOrAdmin, bool IsAdmin) : IActingUser
{
    /// <summary>Startup tasks (seeding, bootstrap) and tests that arrange data: may do everything, owns nothing.</summary>
    public static readonly ActingUser System = new(null, true, true);

    /// <summary>Nobody signed in: sees nothing that has an owner and may change nothing.</summary>
    public static readonly ActingUser Anonymous = new(null, false, false);

    public static ActingUser For(long userId, IEnumerable<string> roles)
    {
        var set = roles.ToHashSet(StringComparer.Ordinal);
        var admin = set.Contains(Roles.Admin);
        return new ActingUser(userId, admin || set.Contains(Roles.Manager), admin);
    }

    public static ActingUser Sales(long userId) => new(userId, false, false);
    public static ActingUser Manager(long userId) => new(userId, true, false);
    public static ActingUser Admin(long userId) => new(userId, true, true);
}
