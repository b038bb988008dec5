using System.Net;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>The browser protections on every response (issue 8): CSP with frame-ancestors 'none', nosniff, no referrer, no caching of pages.</summary>
public sealed class SecurityHeaderTests(KapWebFactoryFixture fixture) : IClassFixture<KapWebFactoryFixture>
{
    private HttpClient NewClient() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Theory]
    [InlineData("/account/login", false)]
    [InlineData("/caseload", true)]
    [InlineData("/ledger/export.csv?from=2026-11-01&to=2026-11-30", true)]
    public async Task Every_page_and_export_carries_the_security_headers_and_is_not_cached(string path, bool signedIn)
    {
        var client = NewClient();
        if (signedIn)
        {
            await SignIn.PostLoginAsync(client, DemoData.Admin.Email, DemoData.Password);
        }

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path} must not be cached");
    }

    [Fact]
    public async Task Static_assets_may_be_cached_but_still_carry_nosniff()
    {
        var response = await NewClient().GetAsync("/_framework/blazor.web.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.CacheControl?.NoStore ?? false);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_auth_cookie_is_http_only_and_same_site_strict()
    {
        var login = await SignIn.PostLoginAsync(NewClient(), DemoData.Admin.Email, DemoData.Password);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kap.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
