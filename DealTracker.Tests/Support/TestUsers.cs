using DealTracker.Data.Identity;
using DealTracker.Data.Users;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Support;

/// <summary>Creates real users through the admin service (acting as the system), with unique emails.</summary>
public static class TestUsers
{
    public const string Password = "test-password-123";

    public static async Task<long> CreateUserAsync(this IServiceProvider services, string role, string? name = null)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        return await services.As(ActingUser.System).GetRequiredService<UserAdminService>()
            .CreateAsync(new NewUser(name ?? $"{role} {unique}", $"{role.ToLowerInvariant()}-{unique}@example.com", [role], Password));
    }
}
