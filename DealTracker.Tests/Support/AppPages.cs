using System.Reflection;
using DealTracker.Data.Identity;
using Microsoft.AspNetCore.Components;

namespace DealTracker.Tests.Support;

/// <summary>
/// Every page of the app and who may open it: the one list the route matrix and the accessibility gate both walk.
/// A page added without a rule here fails <c>Every_routable_page_has_an_access_rule</c>.
/// </summary>
public static class AppPages
{
    public enum Outcome { Allowed, Login, Forbidden }

    public sealed record Rule(Outcome Anonymous, Outcome Sales, Outcome Manager, Outcome Admin)
    {
        public Outcome For(string? role) => role switch
        {
            null => Anonymous, Roles.Sales => Sales, Roles.Manager => Manager, Roles.Admin => Admin,
            _ => throw new ArgumentOutOfRangeException(nameof(role)),
        };
    }

    private static readonly Rule Everyone = new(Outcome.Allowed, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed);
    private static readonly Rule SignedIn = new(Outcome.Login, Outcome.Allowed, Outcome.Allowed, Outcome.Allowed);
    private static readonly Rule ManagersAndAdmins = new(Outcome.Login, Outcome.Forbidden, Outcome.Allowed, Outcome.Allowed);
    private static readonly Rule AdminsOnly = new(Outcome.Login, Outcome.Forbidden, Outcome.Forbidden, Outcome.Allowed);

    /// <summary>The access rule of every page, by its route template. Add one line per new page.</summary>
    public static readonly IReadOnlyDictionary<string, Rule> Rules = new Dictionary<string, Rule>(StringComparer.OrdinalIgnoreCase)
    {
        ["/"] = SignedIn, // redirects to /pipeline
        ["/overview"] = SignedIn,
        ["/account/login"] = Everyone,
        ["/account/logout"] = Everyone,
        ["/not-found"] = Everyone,
        ["/Error"] = Everyone,
        ["/admin/users"] = AdminsOnly,
        ["/admin/picklists"] = AdminsOnly,
        ["/pipeline"] = SignedIn,
        ["/leads"] = SignedIn,
        ["/leads/new"] = SignedIn,
        ["/leads/{Id:long}"] = SignedIn,
        ["/deals"] = SignedIn,
        ["/deals/new"] = SignedIn,
        ["/deals/{Id:long}"] = SignedIn,
        ["/organizations"] = SignedIn,
        ["/organizations/new"] = SignedIn,
        ["/organizations/{Id:long}"] = SignedIn,
        ["/individuals"] = SignedIn,
        ["/individuals/new"] = SignedIn,
        ["/individuals/{Id:long}"] = SignedIn,
        ["/contacts"] = SignedIn,
        ["/contacts/new"] = SignedIn,
        ["/contacts/{Id:long}"] = SignedIn,
        ["/import"] = ManagersAndAdmins,
    };

    /// <summary>Not pages, but open to everyone: the load balancer's probe and what the login page needs.</summary>
    public static readonly IReadOnlyList<string> AnonymousEndpoints =
        ["/health", "/favicon.ico", "/app.css", "/_content/MudBlazor/MudBlazor.min.css", "/_content/MudBlazor/MudBlazor.min.js", "/_framework/blazor.web.js"];

    public static readonly IReadOnlyList<string?> Actors = [null, Roles.Sales, Roles.Manager, Roles.Admin];

    /// <summary>The route templates of every routable component, in a stable order.</summary>
    public static IReadOnlyList<string> RoutableTemplates() => RoutedPages().Select(p => p.Template).Distinct().ToList();

    /// <summary>
    /// Whether the page at <paramref name="template"/> runs as plain HTML (sign-in, sign-out, errors) rather than on the
    /// interactive circuit: a browser waits for the circuit only on the latter.
    /// </summary>
    public static bool IsStatic(string template) =>
        RoutedPages().First(p => string.Equals(p.Template, template, StringComparison.OrdinalIgnoreCase)).Page
            .GetCustomAttributes(inherit: true).Any(a => a.GetType().Name == "ExcludeFromInteractiveRoutingAttribute");

    private static IEnumerable<(string Template, Type Page)> RoutedPages() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>(inherit: false).Select(r => (r.Template, Page: t)))
            .OrderBy(p => p.Template, StringComparer.Ordinal);
}
