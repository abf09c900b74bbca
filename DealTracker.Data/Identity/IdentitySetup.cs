using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Data.Identity;

public static class IdentitySetup
{
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Identity's user and role managers over the DealTracker database, with the password and lockout policy.
    /// The web app adds sign-in and cookies on top (<see cref="IdentityBuilder"/> over <see cref="AppUser"/>).
    /// </summary>
    public static IdentityBuilder AddDealTrackerIdentityCore(this IServiceCollection services) =>
        services.AddIdentityCore<AppUser>(Configure)
            .AddRoles<IdentityRole<long>>()
            .AddEntityFrameworkStores<DealTrackerDbContext>();

    /// <summary>
    /// Length over composition rules (NIST SP 800-63B): at least 10 characters, not one repeated character; five
    /// failed sign-ins lock the account for 15 minutes. Email is the user name and unique.
    /// </summary>
    public static void Configure(IdentityOptions options)
    {
        options.Password.RequiredLength = 10;
        options.Password.RequiredUniqueChars = 4;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
        options.Lockout.DefaultLockoutTimeSpan = LockoutTime;
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    }
}
