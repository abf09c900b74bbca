using System.Net;
using System.Text.RegularExpressions;
using DealTracker.Data.Identity;
using DealTracker.Data.Seeding;
using DealTracker.Data.Users;
using DealTracker.Tests.Support;
using DealTracker.Web.Components.Pages.Account;
using Microsoft.Extensions.DependencyInjection;

namespace DealTracker.Tests.Browser;

/// <summary>The sign-in form tells an attacker nothing about accounts, and repeated posts are throttled.</summary>
public sealed partial class SignInHardeningTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task Until_the_password_is_verified_every_failed_sign_in_reads_the_same()
    {
        var locked = await CreateUserAsync("locked");
        var deactivated = await CreateUserAsync("deactivated");
        await new DatabaseProbe(app.ConnectionString).ExecuteAsync(
            $"UPDATE users SET lockout_end = now() + interval '10 minutes' WHERE email = '{locked.Email}'");
        await using (var scope = app.App.Services.CreateAsyncScope())
            await ActivatorUtilities.CreateInstance<UserAdminService>(scope.ServiceProvider, ActingUser.System)
                .SetActiveAsync(deactivated.Id, active: false);
        var sales = DemoDataSeeder.DemoAccounts.First(a => a.Role == Roles.Sales);

        var unknownEmail = await ErrorAfterSignInAsync("nobody-here@dealtracker.local", "whatever-password");
        var wrongPassword = await ErrorAfterSignInAsync(sales.Email, "not-the-password");
        var lockedRightPassword = await ErrorAfterSignInAsync(locked.Email, TestUsers.Password);
        var deactivatedWrongPassword = await ErrorAfterSignInAsync(deactivated.Email, "not-the-password");

        Assert.Equal(Login.NoMatchMessage, unknownEmail);
        Assert.All([wrongPassword, lockedRightPassword, deactivatedWrongPassword], message => Assert.Equal(unknownEmail, message));
        // The right password of a deactivated account has been verified: its owner may learn why they cannot get in.
        Assert.Equal(Login.DeactivatedMessage, await ErrorAfterSignInAsync(deactivated.Email, TestUsers.Password));
        await new DatabaseProbe(app.ConnectionString).ExecuteAsync(
            $"UPDATE users SET lockout_end = NULL, access_failed_count = 0 WHERE email = '{sales.Email}'");
    }

    [Fact]
    public async Task Sign_in_posts_are_limited_per_client_address_and_per_account()
    {
        var database = await PostgresServer.CreateDatabaseAsync("ratelimit");
        try
        {
            await using var server = new AppServer(database, new()
            {
                ["SignIn:RateLimit:PerAddressPerMinute"] = "4",
                ["SignIn:RateLimit:PerAccountPerMinute"] = "3",
            });
            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true })
                { BaseAddress = new Uri(server.BaseUrl) };

            // One address (behind the trusted local proxy) trying many accounts: the fifth try is refused.
            for (var i = 0; i < 4; i++)
                Assert.Equal(HttpStatusCode.OK, await PostFromAsync(client, "203.0.113.7", $"spray{i}@example.com"));
            Assert.Equal(HttpStatusCode.TooManyRequests, await PostFromAsync(client, "203.0.113.7", "spray9@example.com"));
            Assert.Equal(HttpStatusCode.OK, await PostFromAsync(client, "203.0.113.8", "spray9@example.com"));

            // One account tried from many addresses: the fourth try is refused, whatever the address.
            for (var i = 0; i < 3; i++)
                Assert.Equal(HttpStatusCode.OK, await PostFromAsync(client, $"198.51.100.{i + 1}", "Target@Example.com"));
            using var refused = await PostLoginFromAsync(client, "198.51.100.99", " target@example.com");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync());
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static async Task<HttpStatusCode> PostFromAsync(HttpClient client, string address, string email)
    {
        using var response = await PostLoginFromAsync(client, address, email);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> PostLoginFromAsync(HttpClient client, string address, string email)
    {
        client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return await DemoAppFixture.PostLoginAsync(client, email, "some-wrong-password");
    }

    private async Task<(long Id, string Email)> CreateUserAsync(string purpose)
    {
        var email = $"{purpose}-{Guid.NewGuid():N}"[..20] + "@example.com";
        await using var scope = app.App.Services.CreateAsyncScope();
        var admin = ActivatorUtilities.CreateInstance<UserAdminService>(scope.ServiceProvider, ActingUser.System);
        var id = await admin.CreateAsync(new NewUser($"User {purpose}", email, [Roles.Sales], TestUsers.Password));
        return (id, email);
    }

    private async Task<string> ErrorAfterSignInAsync(string email, string password)
    {
        using var client = app.NewClient();
        using var response = await DemoAppFixture.PostLoginAsync(client, email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = LoginError().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, "the form shows a sign-in error");
        return WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", "")).Trim();
    }

    [GeneratedRegex("data-testid=\"login-error\".*?mud-alert-message[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex LoginError();
}
