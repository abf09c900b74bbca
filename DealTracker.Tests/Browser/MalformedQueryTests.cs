using System.Net;
using DealTracker.Data.Identity;
using DealTracker.Tests.Support;

namespace DealTracker.Tests.Browser;

/// <summary>Hand-edited query parameters are ignored: the page renders, never a 500 with a stack trace.</summary>
public sealed class MalformedQueryTests(DemoAppFixture app) : IClassFixture<DemoAppFixture>
{
    [Theory]
    [InlineData("/pipeline?deal=abc")]
    [InlineData("/pipeline?org=1e5")]
    [InlineData("/pipeline?ind=-")]
    [InlineData("/pipeline?mine=banana")]
    [InlineData("/pipeline?owner=99999999999999999999&from=yesterday&to=%00")]
    [InlineData("/leads/new?dealId=abc")]
    public async Task A_signed_in_user_gets_the_page_without_the_bad_filter(string address)
    {
        using var client = await app.ClientAsync(Roles.Manager);
        using var response = await client.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_search_for_U0000_on_the_board_is_refused_with_a_sentence_not_a_failed_board()
    {
        using var client = await app.ClientAsync(Roles.Manager);
        using var response = await client.GetAsync("/pipeline?q=%00");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(DealTracker.Data.Infrastructure.Text.NulRefused, page);
        Assert.DoesNotContain("could not be loaded", page);
    }

    [Fact]
    public async Task An_anonymous_visitor_gets_the_sign_in_form_whatever_signedOut_says()
    {
        using var client = app.NewClient();
        using var response = await client.GetAsync("/account/login?signedOut=banana");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("login-submit", page);
        Assert.DoesNotContain("You are signed out", page);
    }
}
