using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DealTracker.Data.Identity;
using DealTracker.Data.Seeding;
using DealTracker.Tests.Support;
using Microsoft.Playwright;

namespace DealTracker.Tests.Browser;

/// <summary>
/// The gate every screen passes: signed in as each role, at a laptop (1366×900) and a phone (390×844), every page the
/// role may open has no axe-core finding of any impact under WCAG 2.0 A/AA and 2.1 AA (no rule disabled, no element
/// excluded), and nothing on it is wider than the phone. A screenshot of every page at both widths and a report of the
/// axe counts per page are left under the test output's artifacts folder.
/// </summary>
public sealed partial class AccessibilityGateTests(BrowserFixture browser, DemoAppFixture app)
    : IClassFixture<BrowserFixture>, IClassFixture<DemoAppFixture>
{
    private static readonly ViewportSize[] Viewports = [new() { Width = 1366, Height = 900 }, new() { Width = 390, Height = 844 }];

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21aa"] },
    };

    [Theory]
    [InlineData(null)]
    [InlineData(Roles.Sales)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Admin)]
    public async Task Every_page_has_no_axe_findings_and_fits_a_phone(string? role)
    {
        var actor = role ?? "anonymous";
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = Viewports[0], Locale = "en-US",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        if (role is not null)
            await page.SignInAsAsync(app.BaseUrl, role);

        var pages = await PagesForAsync(role);
        var findings = new List<string>();
        var report = new List<string>();
        foreach (var viewport in Viewports)
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            foreach (var (template, url) in pages)
            {
                await OpenAsync(page, template, url);
                var result = await page.RunAxe(Wcag21AA);
                var violations = result.Violations.Sum(v => v.Nodes.Length);
                report.Add($"{actor,-9} {viewport.Width,4} px  {url,-22} {violations} axe violation(s)");
                foreach (var violation in result.Violations)
                    foreach (var node in violation.Nodes)
                        findings.Add($"{actor} {url} at {viewport.Width} px: {violation.Id} ({violation.Impact}) {violation.Help} — {node.Target} {Shorten(node.Html)}");

                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                if (overflow > 0)
                    findings.Add($"{actor} {url} at {viewport.Width} px: the page is {overflow} px wider than the window");
                await page.SaveScreenshotAsync($"{actor}-{Slug(url)}-{viewport.Width}");
            }
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "axe");
        Directory.CreateDirectory(folder);
        await File.WriteAllLinesAsync(Path.Combine(folder, $"{actor}.txt"), report.Concat(findings));
        Assert.True(findings.Count == 0, $"{findings.Count} finding(s):{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
    }

    /// <summary>
    /// The dialogs, held to the same gate: the board's Move to and Lost reason, the lead form's quick-create dialogs,
    /// the admin's New user and Rename, and the bulk Move to stage and Assign to of /leads (with its bar). Signed in as an
    /// admin, who may open all of them; every one is cancelled.
    /// </summary>
    [Fact]
    public async Task Every_dialog_has_no_axe_findings_and_fits_a_phone()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = Viewports[0], Locale = "en-US",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.SignInAsAsync(app.BaseUrl, Roles.Admin);
        var findings = new List<string>();
        var report = new List<string>();

        async Task ScanDialogAsync(string name, int width)
        {
            var dialog = page.Locator(".mud-dialog").Last;
            await dialog.WaitForAsync();
            await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running')");
            var result = await page.RunAxe(Wcag21AA);
            report.Add($"dialog    {width,4} px  {name,-22} {result.Violations.Sum(v => v.Nodes.Length)} axe violation(s)");
            foreach (var violation in result.Violations)
                foreach (var node in violation.Nodes)
                    findings.Add($"dialog {name} at {width} px: {violation.Id} ({violation.Impact}) {violation.Help} — {node.Target} {Shorten(node.Html)}");
            var overflow = await dialog.EvaluateAsync<double>("el => el.getBoundingClientRect().right - window.innerWidth");
            if (overflow > 0)
                findings.Add($"dialog {name} at {width} px: the dialog is {overflow} px wider than the window");
            await page.SaveScreenshotAsync($"dialog-{name}-{width}");
        }

        async Task CancelAsync()
        {
            await page.Locator(".mud-dialog").Last.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
            await page.Locator(".mud-dialog").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        }

        foreach (var viewport in Viewports)
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            await OpenAsync(page, "/pipeline", "/pipeline");
            await page.Locator("[data-testid='column-Proposal'] [data-testid=lead-card] [data-testid=move-menu] button").First.ClickAsync();
            await ScanDialogAsync("move-to", viewport.Width);
            await page.Locator("[data-testid='move-to-Lost']").ClickAsync();
            await page.Locator("[data-testid=lost-reason-dialog]").WaitForAsync();
            await ScanDialogAsync("lost-reason", viewport.Width);
            await CancelAsync();

            await OpenAsync(page, "/leads/new", "/leads/new");
            foreach (var opener in new[] { "new-deal", "organizations-new", "individuals-new", "contacts-new" })
            {
                await page.Locator($"[data-testid={opener}]").ClickAsync();
                await ScanDialogAsync(opener, viewport.Width);
                await CancelAsync();
            }

            await OpenAsync(page, "/admin/users", "/admin/users");
            await page.Locator("[data-testid=user-create]").ClickAsync();
            await ScanDialogAsync("new-user", viewport.Width);
            await CancelAsync();

            await OpenAsync(page, "/admin/picklists", "/admin/picklists");
            await page.Locator("[data-testid='rename-Proposal']").ClickAsync();
            await ScanDialogAsync("rename-picklist-value", viewport.Width);
            await CancelAsync();

            // The bulk actions of /leads: the bar shown for two selected leads, and its two dialogs.
            await OpenAsync(page, "/leads", "/leads");
            await page.Locator("[data-testid=select-lead]").Nth(0).CheckAsync();
            await page.Locator("[data-testid=select-lead]").Nth(1).CheckAsync();
            await page.Locator("[data-testid=bulk-bar]").WaitForAsync();
            foreach (var action in new[] { "bulk-move", "bulk-assign" })
            {
                await page.Locator($"[data-testid={action}]").ClickAsync();
                await ScanDialogAsync(action, viewport.Width);
                await CancelAsync();
            }
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "axe");
        Directory.CreateDirectory(folder);
        await File.WriteAllLinesAsync(Path.Combine(folder, "dialogs.txt"), report.Concat(findings));
        Assert.True(findings.Count == 0, $"{findings.Count} finding(s):{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
    }

    /// <summary>Every page the role may open, with real ids of records it may see, so forms show real rows.</summary>
    private async Task<IReadOnlyList<(string Template, string Url)>> PagesForAsync(string? role)
    {
        var probe = new DatabaseProbe(app.ConnectionString);
        var email = role is null ? "" : DemoDataSeeder.DemoAccounts.First(a => a.Role == role).Email;
        var me = role is null ? 0 : await probe.ScalarAsync<long>("SELECT id FROM users WHERE email = $1", email);
        // Sales see their own and unassigned records; the busiest one shows the most rows.
        var visible = role == Roles.Sales ? $"(owner_user_id IS NULL OR owner_user_id = {me})" : "true";
        var ids = new Dictionary<string, long>
        {
            // A lead with the whole page filled in: a next step, a note and a timeline of moves, then the most parties.
            ["/leads/{Id:long}"] = await probe.ScalarAsync<long>($"""
                SELECT l.id FROM leads l WHERE {visible}
                ORDER BY l.next_step IS NOT NULL DESC,
                         EXISTS (SELECT 1 FROM notes WHERE lead_id = l.id) DESC,
                         (SELECT count(*) FROM history_events WHERE record_type = 'lead' AND record_id = l.id) >= 3 DESC,
                         (SELECT count(*) FROM lead_organizations WHERE lead_id = l.id)
                       + (SELECT count(*) FROM lead_individuals WHERE lead_id = l.id)
                       + (SELECT count(*) FROM lead_contacts WHERE lead_id = l.id) DESC, l.id LIMIT 1
                """),
            ["/deals/{Id:long}"] = await probe.ScalarAsync<long>(
                $"SELECT d.id FROM deals d WHERE {visible} ORDER BY (SELECT count(*) FROM leads WHERE deal_id = d.id) DESC, d.id LIMIT 1"),
            ["/organizations/{Id:long}"] = await probe.ScalarAsync<long>(
                """
                SELECT o.id FROM organizations o
                ORDER BY (SELECT count(*) FROM lead_organizations WHERE organization_id = o.id)
                       + (SELECT count(*) FROM contacts WHERE organization_id = o.id) DESC, o.id LIMIT 1
                """),
            ["/individuals/{Id:long}"] = await probe.ScalarAsync<long>(
                "SELECT c.individual_id FROM contacts c JOIN lead_contacts lc ON lc.contact_id = c.id ORDER BY c.individual_id LIMIT 1"),
            ["/contacts/{Id:long}"] = await probe.ScalarAsync<long>(
                "SELECT c.id FROM contacts c ORDER BY (SELECT count(*) FROM lead_contacts WHERE contact_id = c.id) DESC, c.id LIMIT 1"),
        };
        if (role is not null)
        {
            // The gate must see the lead page at its fullest: next step panel, a note and several timeline events.
            var lead = ids["/leads/{Id:long}"];
            Assert.True(await probe.ScalarAsync<bool>("""
                SELECT l.next_step IS NOT NULL
                   AND EXISTS (SELECT 1 FROM notes WHERE lead_id = l.id)
                   AND (SELECT count(*) FROM history_events WHERE record_type = 'lead' AND record_id = l.id) >= 3
                FROM leads l WHERE l.id = $1
                """, lead), $"The demo data gives {role} no lead with a next step, a note and a timeline to scan.");
        }
        return AppPages.RoutableTemplates()
            .Where(t => t != "/") // only forwards to the board, which is scanned as itself
            .Where(t => AppPages.Rules[t].For(role) == AppPages.Outcome.Allowed)
            .Select(t => (t, ids.TryGetValue(t, out var id) ? t.Replace("{Id:long}", id.ToString()) : t))
            .ToList();
    }

    /// <summary>Opens a page and waits until it has loaded what it shows: the circuit is up and no progress bar is left.</summary>
    private async Task OpenAsync(IPage page, string template, string url)
    {
        await page.GotoAsync(app.BaseUrl + url);
        if (AppPages.IsStatic(template))
            return;
        await page.Locator("[data-interactive='true']").WaitForAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('.mud-progress-linear') === null");
    }

    private static string Slug(string url) => SlugPattern().Replace(url.Trim('/'), "-");

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex SlugPattern();
}
