using System.Security.Claims;
using DealTracker.Data.Export;
using DealTracker.Web.Components.Pages.Pipeline;
using Microsoft.Net.Http.Headers;

namespace DealTracker.Web.Export;

/// <summary>
/// <c>GET /export/{leads,deals,organizations,individuals,contacts,pipeline}</c>: the list's (or board's) rows for the
/// filter and sort in the query string, every page, streamed to the response as CSV while they are read. Anyone signed
/// in may export; the data services give them exactly what they may see. Each export is logged (who, which list, the
/// filter, how many rows) under the category <c>DealTracker.Export</c>.
/// </summary>
public static class ExportEndpoints
{
    public const string LogCategory = "DealTracker.Export";

    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var export = app.MapGroup(ExportQuery.Root).RequireAuthorization();
        export.MapGet("/leads", (HttpContext http, ExportService service) =>
            StreamAsync(http, "leads", (output, ct) => service.WriteLeadsAsync(ExportQuery.Leads(http.Request.Query.AsDictionary()), output, ct)));
        export.MapGet("/deals", (HttpContext http, ExportService service) =>
        {
            var (search, owner, ownerUserId) = ExportQuery.Deals(http.Request.Query.AsDictionary());
            return StreamAsync(http, "deals", (output, ct) => service.WriteDealsAsync(search, owner, ownerUserId, output, ct));
        });
        export.MapGet("/organizations", (HttpContext http, ExportService service) => StreamAsync(http, "organizations",
            (output, ct) => service.WriteOrganizationsAsync(ExportQuery.Search(http.Request.Query.AsDictionary()), output, ct)));
        export.MapGet("/individuals", (HttpContext http, ExportService service) => StreamAsync(http, "individuals",
            (output, ct) => service.WriteIndividualsAsync(ExportQuery.Search(http.Request.Query.AsDictionary()), output, ct)));
        export.MapGet("/contacts", (HttpContext http, ExportService service) => StreamAsync(http, "contacts",
            (output, ct) => service.WriteContactsAsync(ExportQuery.Search(http.Request.Query.AsDictionary()), output, ct)));
        export.MapGet("/pipeline", (HttpContext http, ExportService service) => StreamAsync(http, "pipeline",
            (output, ct) => service.WritePipelineAsync(PipelineFilterQuery.Parse(http.Request.Query.AsDictionary()), output, ct)));
    }

    private static IReadOnlyDictionary<string, Microsoft.Extensions.Primitives.StringValues> AsDictionary(this IQueryCollection query) =>
        query.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    private static async Task StreamAsync(HttpContext http, string list, Func<Stream, CancellationToken, Task<int>> write)
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
        var user = http.User.Identity?.Name ?? "?";
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var filter = http.Request.QueryString.Value ?? "";
        var fileName = ExportService.FileName(list, DateOnly.FromDateTime(DateTime.UtcNow));
        http.Response.ContentType = ExportService.ContentType;
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileName = fileName, FileNameStar = fileName,
        }.ToString();
        http.Response.Headers.CacheControl = "no-store";
        try
        {
            var rows = await write(http.Response.Body, http.RequestAborted);
            logger.LogInformation("Export of {List} by {User} (user {UserId}) with filter {Filter}: {Rows} rows",
                list, user, userId, filter, rows);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            logger.LogInformation("Export of {List} by {User} (user {UserId}) with filter {Filter} was cancelled by the client",
                list, user, userId, filter);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Export of {List} by {User} (user {UserId}) with filter {Filter} failed", list, user, userId, filter);
            if (http.Response.HasStarted)
            {
                // Half a file must not pass for a whole one: the download fails instead.
                http.Abort();
                return;
            }
            http.Response.Headers.ContentDisposition = default;
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("The export could not be read from the database. Please try again in a moment.");
        }
    }
}
