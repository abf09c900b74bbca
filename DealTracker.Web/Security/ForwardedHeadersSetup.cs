using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Builder;

namespace DealTracker.Web.Security;

/// <summary>
/// Behind a TLS-terminating proxy the app sees plain HTTP from the proxy. It trusts X-Forwarded-For and
/// X-Forwarded-Proto only from the proxies configured in <c>ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR), plus loopback; then the request is HTTPS again, so HSTS is sent, the
/// cookies get their Secure flag, and the sign-in rate limit sees the real client address.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static void AddDealTrackerForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            foreach (var proxy in proxies)
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in networks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
    }
}
