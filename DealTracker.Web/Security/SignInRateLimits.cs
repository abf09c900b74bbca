using System.Net;
using System.Threading.RateLimiting;
using DealTracker.Web.Identity;
using Microsoft.AspNetCore.RateLimiting;

namespace DealTracker.Web.Security;

/// <summary>
/// Caps sign-in attempts (posts of the login form) per client address and per account, each in a sliding minute, with
/// ASP.NET Core's rate limiter. Account lockout stops guessing one password; these stop spraying many accounts from one
/// place and hammering one account from many. Limits come from <c>SignIn:RateLimit</c>.
/// </summary>
public static class SignInRateLimits
{
    public sealed class Options
    {
        public int PerAddressPerMinute { get; set; } = 30;
        public int PerAccountPerMinute { get; set; } = 10;
    }

    public static void AddSignInRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection("SignIn:RateLimit").Get<Options>() ?? new Options();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context)
                    ? PerMinute($"address:{ClientAddress(context)}", limits.PerAddressPerMinute)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInPost(context)
                    ? PerMinute($"account:{AccountOf(context)}", limits.PerAccountPerMinute)
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = RefuseAsync;
        });
    }

    /// <summary>Reads the posted form first, so the per-account limit can see which account is being tried.</summary>
    public static IApplicationBuilder UseSignInRateLimits(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            if (IsSignInPost(context) && context.Request.HasFormContentType)
                await context.Request.ReadFormAsync(context.RequestAborted);
            await next(context);
        });
        return app.UseRateLimiter();
    }

    private static bool IsSignInPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.Equals(AuthSetup.LoginPath, StringComparison.OrdinalIgnoreCase);

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0,
        });

    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();

    private static string AccountOf(HttpContext context)
    {
        var email = context.Request.HasFormContentType ? context.Request.Form["Input.Email"].ToString() : "";
        var normalized = email.Trim().ToUpperInvariant();
        return normalized.Length > 254 ? normalized[..254] : normalized;
    }

    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var response = rejected.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = "60";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Too many sign-in attempts · DealTracker</title></head>
            <body><main><h1>Too many sign-in attempts</h1>
            <p>There were too many sign-in attempts from here or for this account. Wait a minute, then try again.</p>
            <p><a href="/account/login">Back to sign in</a></p></main></body></html>
            """, ct);
    }
}
