using System.Net;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Browser;

/// <summary>Outside Development there are no default passwords: the first admin comes from configuration.</summary>
public sealed class BootstrapTests : IAsyncLifetime
{
    private string _connectionString = "";

    public async Task InitializeAsync() => _connectionString = await PostgresServer.CreateDatabaseAsync(nameof(BootstrapTests));

    public Task DisposeAsync() => PostgresServer.DropDatabaseAsync(_connectionString);

    private static HttpClient Client(AppServer app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(app.BaseUrl) };

    [Fact]
    public async Task Outside_development_demo_data_brings_no_accounts_and_the_login_page_says_what_is_missing()
    {
        await using (var app = new AppServer(_connectionString, new() { ["environment"] = "Production", ["Seed:Demo"] = "true" }))
        {
            using var client = Client(app);
            var login = await client.GetStringAsync("/account/login");
            Assert.Contains("Bootstrap__AdminEmail and Bootstrap__AdminPassword", login);
            var probe = new DatabaseProbe(_connectionString);
            Assert.Equal(0L, await probe.ScalarAsync<long>("SELECT count(*) FROM users"));
            Assert.True(await probe.ScalarAsync<long>("SELECT count(*) FROM deals") > 0, "the demo data itself was loaded");
        }

        await using (var configured = new AppServer(_connectionString, new()
        {
            ["environment"] = "Production",
            ["Bootstrap:AdminEmail"] = "first.admin@example.com",
            ["Bootstrap:AdminPassword"] = "a-long-admin-password",
        }))
        {
            using var client = Client(configured);
            Assert.DoesNotContain("Bootstrap__AdminEmail", await client.GetStringAsync("/account/login"));
            using var signIn = await DemoAppFixture.PostLoginAsync(client, "first.admin@example.com", "a-long-admin-password");
            Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
            using var users = await client.GetAsync("/admin/users");
            Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        }
    }
}
