using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace DealTracker.Web.Security;

/// <summary>
/// The headers every response carries: a Content-Security-Policy the app really runs under (its only inline script is
/// the import map, allowed by its hash), no MIME sniffing, no referrer beyond our own origin, and no powerful browser
/// features. MudBlazor sets inline styles, hence <c>style-src 'unsafe-inline'</c>; nothing else is inline.
/// </summary>
public static class SecurityHeaders
{
    private const string Policy =
        "default-src 'self'; script-src 'self'{0}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self' {1}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    private const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    // The import map is the same for every page of one build: hash each distinct one once.
    private static readonly ConcurrentDictionary<ImportMapDefinition, string> ImportMapHashes = new();

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // At the last moment: a re-executed error page has its own endpoint (and its own import map) by then.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = PolicyFor(context);
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });

    public static string PolicyFor(HttpContext context)
    {
        var importMap = context.GetEndpoint()?.Metadata.GetMetadata<ImportMapDefinition>();
        var scriptHash = importMap is null ? "" : $" '{ImportMapHashes.GetOrAdd(importMap, HashOf)}'";
        // 'self' covers the circuit's WebSocket in current browsers; naming it keeps older ones working too.
        var host = context.Request.Host.Value;
        var socket = host is { Length: > 0 } && host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']')
            ? $"{(context.Request.IsHttps ? "wss" : "ws")}://{host}"
            : "";
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, Policy, scriptHash, socket);
    }

    /// <summary>The CSP source for the <c>&lt;ImportMap /&gt;</c> script, whose text is exactly the definition's JSON (its ToString).</summary>
    private static string HashOf(ImportMapDefinition importMap) =>
        "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap.ToString())));
}
