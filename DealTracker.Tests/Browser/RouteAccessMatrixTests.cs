using System.Net;
using DealTracker.Data.Identity;
using DealTracker.Data.Seeding;
using DealTracker.Tests.Support;
using static DealTracker.Tests.Support.AppPages;

namespace DealTracker.Tests.Browser;

/// <summary>
/// Every route of the app, for anonymous, Sales, Manager and Admin, requested over HTTP against the real app with
/// real sign-in cookies. A page added without a rule in <see cref="AppPages.Rules"/> fails
/// <see cref="Every_routable_page_has_an_access_rule"/>.
/// </summary>
public sealed class RouteAccessMatrixTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public void Every_routable_page_has_an_access_rule()
    {
        var routes = RoutableTemplates();
        Assert.Contains("/admin/users", routes);
        var missing = routes.Where(r => !Rules.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0,
            $"Pages without an access rule in {nameof(AppPages)}.{nameof(Rules)}: {string.Join(", ", missing)}");
        var stale = Rules.Keys.Where(k => !routes.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        Assert.True(stale.Count == 0, $"Rules for routes that no longer exist: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task Every_route_answers_each_role_as_its_rule_says()
    {
        var failures = new List<string>();
        foreach (var actor in Actors)
        {
            using var client = await app.ClientAsync(actor);
            foreach (var template in RoutableTemplates().Where(Rules.ContainsKey))
            {
                var url = Concrete(template);
                var response = await client.GetAsync(url);
                if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect && response.Headers.Location is { } target
                    && !target.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase))
                {
                    response.Dispose();
                    response = await client.GetAsync(target); // a page that forwards elsewhere is judged by where it lands
                }
                using var answered = response;
                var actual = Classify(response, hasParameters: url != template);
                var expected = Rules[template].For(actor);
                if (actual != expected)
                    failures.Add($"{actor ?? "anonymous"} GET {url}: expected {expected}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
                if (actual == Outcome.Forbidden)
                    Assert.Contains("Not allowed", await response.Content.ReadAsStringAsync());
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Health_and_static_assets_need_no_sign_in()
    {
        using var client = await app.ClientAsync(null);
        foreach (var url in AnonymousEndpoints)
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Fact]
    public async Task The_live_connection_needs_a_signed_in_user()
    {
        using var anonymous = await app.ClientAsync(null);
        using var refused = await anonymous.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        using var sales = await app.ClientAsync(Roles.Sales);
        using var allowed = await sales.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_lock_the_account()
    {
        var sales2 = DemoDataSeeder.DemoAccounts.Last(a => a.Role == Roles.Sales);
        using var client = app.NewClient();
        for (var i = 0; i < IdentitySetup.MaxFailedSignIns; i++)
        {
            using var wrong = await DemoAppFixture.PostLoginAsync(client, sales2.Email, "not-the-password");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        using var right = await DemoAppFixture.PostLoginAsync(client, sales2.Email, sales2.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode); // the form again, not a redirect into the app
        Assert.Contains("locked", await right.Content.ReadAsStringAsync());
        await new DatabaseProbe(app.ConnectionString).ExecuteAsync(
            $"UPDATE users SET lockout_end = NULL, access_failed_count = 0 WHERE email = '{sales2.Email}'");
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_user_on_the_login_form_with_a_message()
    {
        using var client = app.NewClient();
        using var response = await DemoAppFixture.PostLoginAsync(client, "nobody@dealtracker.local", "whatever-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("do not match an active account", await response.Content.ReadAsStringAsync());
        using var home = await client.GetAsync("/");
        Assert.Equal(Outcome.Login, Classify(home, hasParameters: false));
    }

    private static string Concrete(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", "1");

    private static Outcome? Classify(HttpResponseMessage response, bool hasParameters)
    {
        if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString.Contains("/account/login", StringComparison.OrdinalIgnoreCase) == true)
            return Outcome.Login;
        if (response.StatusCode == HttpStatusCode.Forbidden)
            return Outcome.Forbidden;
        // A page with an id in its address may answer 404 for a made-up id: it was still allowed to look.
        if (response.IsSuccessStatusCode || (hasParameters && response.StatusCode == HttpStatusCode.NotFound))
            return Outcome.Allowed;
        return null;
    }
}
