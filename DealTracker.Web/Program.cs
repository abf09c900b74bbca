using System.Globalization;
using DealTracker.Data;
using DealTracker.Web;
using DealTracker.Web.Components;
using DealTracker.Web.Export;
using DealTracker.Web.Identity;
using DealTracker.Web.Live;
using DealTracker.Web.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;

// LANG=C.UTF-8 would make the current culture invariant ("¤1,200"): the app speaks en-US everywhere.
var culture = CultureInfo.GetCultureInfo("en-US");
CultureInfo.DefaultThreadCurrentCulture = culture;
CultureInfo.DefaultThreadCurrentUICulture = culture;

var builder = WebApplication.CreateBuilder(args);

var connectionString = builder.Configuration.GetConnectionString("DealTracker");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("""
        DealTracker needs a PostgreSQL database, and none is configured.
          Run it with a local database started for you:   bash scripts/run.sh
          Or with containers:                              docker compose up
          Or set ConnectionStrings__DealTracker, e.g. "Host=localhost;Port=5432;Database=dealtracker;Username=...;Password=..."
        """);
    return 2;
}

// A value forced past a field's limit must reach the server to be refused there: the largest field at its limit, with
// every character JSON-escaped, fits well under this, and wwwroot/js/input-guard.js cuts anything absurd to 20,000
// characters first. A bigger message would drop the connection, and the edit with it, silently.
builder.Services.AddRazorComponents().AddInteractiveServerComponents()
    .AddHubOptions(o => o.MaximumReceiveMessageSize = 256 * 1024);
builder.Services.AddMudServices();
builder.Services.AddCircuitLiveUpdates();
builder.Services.AddDealTrackerData(connectionString, builder.Configuration["App:TimeZone"],
    builder.Configuration.GetConnectionString("DealTrackerOwner") is { Length: > 0 } owner ? owner : null);
builder.Services.AddDealTrackerAuth();
builder.Services.AddDealTrackerForwardedHeaders(builder.Configuration);
builder.Services.AddSignInRateLimits(builder.Configuration);
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();

await StartupTasks.RunAsync(app);

app.UseForwardedHeaders();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseSignInRateLimits();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

// Everything requires a signed-in user (fallback policy) except what is marked anonymous here and [AllowAnonymous] pages.
app.MapStaticAssets().AllowAnonymous();
app.MapHealthChecks("/health", new HealthCheckOptions { ResultStatusCodes = { [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy] = 503 } })
    .AllowAnonymous();
app.MapExportEndpoints();
// The security headers carry frame-ancestors with the rest of the policy; one Content-Security-Policy header, not two.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(see the listening address above)";
    app.Logger.LogInformation("DealTracker is ready: open {Addresses} in your browser", addresses);
});

await app.RunAsync();
return 0;

public partial class Program;
