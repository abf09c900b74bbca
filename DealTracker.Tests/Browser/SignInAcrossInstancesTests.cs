using System.Net;
using DealTracker.Data.Identity;
using DealTracker.Data.Seeding;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Browser;

/// <summary>Data-protection keys live in the database: a sign-in works on every instance and survives restarts.</summary>
public sealed class SignInAcrossInstancesTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task A_sign_in_cookie_from_one_instance_is_accepted_by_another_over_the_same_database()
    {
        var cookies = new CookieContainer();
        HttpClient ClientFor(string baseUrl) =>
            new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri(baseUrl) };

        var admin = DemoDataSeeder.DemoAccounts.First(a => a.Role == Roles.Admin);
        using (var first = ClientFor(app.BaseUrl))
        {
            using var signIn = await DemoAppFixture.PostLoginAsync(first, admin.Email, admin.Password);
            Assert.Equal(HttpStatusCode.Found, signIn.StatusCode);
        }
        Assert.True(await new DatabaseProbe(app.ConnectionString).ScalarAsync<long>("SELECT count(*) FROM data_protection_keys") > 0);

        // A second instance (or the same app after a restart): its own process state, the same database.
        await using var second = new AppServer(app.ConnectionString);
        using var other = ClientFor(second.BaseUrl);
        using var response = await other.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
