using System.Net;
using System.Text.RegularExpressions;

namespace DealTracker.LoadDriver;

/// <summary>
/// One person signed in through the real login form (antiforgery token and all), once; their cookie is then reused by
/// every circuit they open, as a browser's tabs share it.
/// </summary>
public sealed partial class SignedInUser : IDisposable
{
    private SignedInUser(Uri baseUrl, string email, CookieContainer cookies, HttpClient http)
    {
        BaseUrl = baseUrl;
        Email = email;
        Cookies = cookies;
        Http = http;
    }

    public Uri BaseUrl { get; }
    public string Email { get; }
    public CookieContainer Cookies { get; }
    public HttpClient Http { get; }

    public static async Task<SignedInUser> SignInAsync(Uri baseUrl, string email, string password, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
        try
        {
            var form = await http.GetStringAsync("account/login", ct);
            var token = TokenPattern().Match(form);
            if (!token.Success)
                throw new InvalidOperationException($"The login page at {baseUrl} has no antiforgery token.");
            using var response = await http.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["Input.Email"] = email,
                ["Input.Password"] = password,
            }), ct);
            if (response.StatusCode != HttpStatusCode.Found || response.Headers.Location?.OriginalString.Contains("/account/login") != false)
                throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}.");
            return new SignedInUser(baseUrl, email, cookies, http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
