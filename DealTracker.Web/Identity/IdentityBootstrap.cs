using DealTracker.Data.Identity;
using DealTracker.Data.Infrastructure;
using DealTracker.Data.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DealTracker.Web.Identity;

/// <summary>
/// The first admin comes from configuration (Bootstrap:AdminEmail, Bootstrap:AdminPassword, optional
/// Bootstrap:AdminName), never from a default password. When nobody can sign in, says what is missing.
/// </summary>
public static class IdentityBootstrap
{
    public const string NoUserMessage =
        "No user exists yet, so nobody can sign in. Set Bootstrap__AdminEmail and Bootstrap__AdminPassword " +
        "(at least 10 characters) in the app's environment and restart it: the first admin is created from them.";

    public static async Task RunAsync(WebApplication app)
    {
        var config = app.Configuration;
        var state = app.Services.GetRequiredService<BootstrapState>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DealTracker.Bootstrap");
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var email = config["Bootstrap:AdminEmail"]?.Trim();
            var password = config["Bootstrap:AdminPassword"];
            if (!string.IsNullOrEmpty(email))
            {
                if (string.IsNullOrEmpty(password))
                    state.Problem = "Bootstrap__AdminEmail is set but Bootstrap__AdminPassword is not: the first admin was not created.";
                else if (await users.FindByEmailAsync(email) is null)
                {
                    // Startup acts explicitly as the system, not as whoever happens to be signed in.
                    var admin = ActivatorUtilities.CreateInstance<UserAdminService>(scope.ServiceProvider, ActingUser.System);
                    try
                    {
                        await admin.CreateAsync(new NewUser(config["Bootstrap:AdminName"] ?? "Administrator", email, [Roles.Admin], password));
                        logger.LogInformation("Created the first admin {Email} from the Bootstrap settings", email);
                    }
                    catch (RuleViolationException ex)
                    {
                        state.Problem = $"The first admin ({email}) could not be created from the Bootstrap settings: {ex.Message}";
                    }
                }
            }
            if (state.Problem is null && !await users.Users.AnyAsync())
                state.Problem = NoUserMessage;
            if (state.Problem is not null)
                logger.LogError("{Problem}", state.Problem);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database may be down at startup: /health reports it; sign-in works once it is back.
            logger.LogError(ex, "Could not check the users at startup");
        }
    }
}
