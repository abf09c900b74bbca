using System.Net;
using DealTracker.Data.Identity;
using DealTracker.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DealTracker.Tests.Browser;

/// <summary>
/// The app runs under a strict Content-Security-Policy (every browser test fails on a violation, see
/// <see cref="BrowserFixture"/>); the policy really blocks injected script; the other headers are sent; behind a TLS
/// proxy the cookies are Secure.
/// </summary>
public sealed class SecurityHeadersBrowserTests(BrowserFixture browser, DemoAppFixture app)
    : IClassFixture<BrowserFixture>, IClassFixture<DemoAppFixture>
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = app.NewClient();
        using var response = await client.GetAsync(path);

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in new[]
                 {
                     "default-src 'self'", "style-src 'self' 'unsafe-inline'", "object-src 'none'", "base-uri 'self'",
                     "form-action 'self'", "frame-ancestors 'self'", "connect-src 'self' ws://127.0.0.1:",
                 })
            Assert.Contains(directive, policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Matches(path == "/health" ? "script-src 'self';" : "script-src 'self' 'sha256-[A-Za-z0-9+/=]+';", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")));
    }

    [Fact]
    public async Task The_pages_work_under_the_policy_and_it_blocks_injected_script()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsAsync(app.BaseUrl, Roles.Manager);
        foreach (var path in new[] { "/pipeline", "/leads", "/leads/new", "/overview", "/deals" })
        {
            await page.GotoInteractiveAsync(app.BaseUrl + path);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
        }
        Assert.Empty(browser.CspViolations);


        // A page outside the fixture's watch, so this deliberate violation is not counted against the run.
        await using var context = await browser.Browser.NewContextAsync();
        var attacked = await context.NewPageAsync();
        await attacked.SignInAsAsync(app.BaseUrl, Roles.Manager);
        var outcome = await attacked.EvaluateAsync<string>("""
            () => new Promise(resolve => {
                document.addEventListener('securitypolicyviolation',
                    e => resolve(`${window.injectedRan === true ? 'ran' : 'blocked'} by ${e.effectiveDirective}`), { once: true });
                const script = document.createElement('script');
                script.textContent = 'window.injectedRan = true;';
                document.head.appendChild(script);
            })
            """);
        Assert.Equal("blocked by script-src-elem", outcome);
    }

    [Fact]
    public async Task Behind_a_tls_proxy_the_cookies_are_secure()
    {
        using var direct = app.NewClient();
        using var plain = await direct.GetAsync("/account/login");
        Assert.DoesNotContain(plain.Headers.GetValues("Set-Cookie"), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        using var proxied = app.NewClient();
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        using var overTls = await proxied.GetAsync("/account/login");
        Assert.All(overTls.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("connect-src 'self' wss://", Assert.Single(overTls.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(HttpStatusCode.OK, overTls.StatusCode);
    }
}
