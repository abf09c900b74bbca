using System.Net;
using System.Text.RegularExpressions;
using DealTracker.Data.Seeding;

namespace DealTracker.Tests.Support;

/// <summary>
/// The real app (Development, demo data and demo users) over a database of its own, shared by one test class;
/// plus HTTP clients that sign in through the real login form, as a browser does.
/// </summary>
public sealed partial class DemoAppFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public AppServer App { get; private set; } = null!;
    public string BaseUrl => App.BaseUrl;

    public async Task InitializeAsync()
    {
        ConnectionString = await PostgresServer.CreateDatabaseAsync(nameof(DemoAppFixture));
        App = new AppServer(ConnectionString, new() { ["Seed:Demo"] = "true" });
        _ = App.BaseUrl; // start now: seeding happens once, before the tests
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>A client that keeps cookies and does not follow redirects; signed in as the demo user of <paramref name="role"/> unless null.</summary>
    public async Task<HttpClient> ClientAsync(string? role)
    {
        var client = NewClient();
        if (role is null)
            return client;
        var account = DemoDataSeeder.DemoAccounts.First(a => a.Role == role);
        var response = await PostLoginAsync(client, account.Email, account.Password);
        if (response.StatusCode != HttpStatusCode.Found || response.Headers.Location?.OriginalString.Contains("/account/login") != false)
            throw new InvalidOperationException($"Signing in as {account.Email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        return client;
    }

    public HttpClient NewClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(BaseUrl),
        };

    /// <summary>Fills and posts the login form (with its antiforgery token) exactly as the browser would.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = TokenPattern().Match(page);
        if (!token.Success)
            throw new InvalidOperationException("The login page has no antiforgery token.");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
