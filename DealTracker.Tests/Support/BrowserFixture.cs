using Microsoft.Playwright;

namespace DealTracker.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (never a downloaded browser), shared by the browser tests of one class.
/// Each test opens its own context, so cookies and storage never leak between tests. Every page runs under the app's
/// Content-Security-Policy and is watched for violations: any one fails the test class when it ends.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private IPlaywright? _playwright;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _cspViolations = new();

    /// <summary>The CSP violations any page of this fixture reported so far, with the page's address.</summary>
    public IReadOnlyCollection<string> CspViolations => _cspViolations;

    // The browser logs a violation as a console error; the DOM event catches the ones reported only to the page.
    private const string ReportViolations = """
        document.addEventListener('securitypolicyviolation', e =>
            console.error(`Content Security Policy violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
        """;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException("Browser tests need Debian's Chromium: apt-get install -y chromium");
        // Auto-waiting assertions wait for a condition, not a fixed time: a loaded 2-core CI machine needs more than the
        // default 5 s before a slow but correct page shows its result.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh page at a laptop-sized window.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 }, Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        await context.AddInitScriptAsync(ReportViolations);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                _cspViolations.Enqueue($"{page.Url}: {message.Text}");
        };
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (!_cspViolations.IsEmpty)
            throw new InvalidOperationException("Pages broke the Content-Security-Policy:\n" + string.Join("\n", _cspViolations.Distinct()));
    }
}

public static class PageExtensions
{
    /// <summary>Goes to a page and waits until the Blazor circuit is connected: before that, buttons do nothing.</summary>
    public static async Task GotoInteractiveAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.Locator("[data-interactive='true']").WaitForAsync();
    }

    /// <summary>Signs in through the real login form and waits until the app shows the signed-in user.</summary>
    public static async Task SignInAsync(this IPage page, string baseUrl, string email, string password)
    {
        await page.GotoAsync(baseUrl + "/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
        await page.Locator("[data-testid=signed-in-user]").WaitForAsync();
    }

    /// <summary>Signs in as one of the demo accounts (the app must run in Development with Seed:Demo).</summary>
    public static Task SignInAsAsync(this IPage page, string baseUrl, string role)
    {
        var account = DealTracker.Data.Seeding.DemoDataSeeder.DemoAccounts.First(a => a.Role == role);
        return page.SignInAsync(baseUrl, account.Email, account.Password);
    }

    /// <summary>Saves a full-page screenshot as a test artifact under the test output's artifacts/screenshots.</summary>
    public static async Task<string> SaveScreenshotAsync(this IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
