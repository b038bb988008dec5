using System.Net;
using Kap.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>Outside Development, plain HTTP is redirected to HTTPS and HTTPS answers carry HSTS for a year (issue 8).</summary>
public sealed class ProductionTransportTests : IDisposable
{
    // Behind the proxy the HTTPS port is 443; a bare Kestrel learns it from its own HTTPS endpoint or HTTPS_PORT.
    private readonly KapWebFactory _factory = new(new Dictionary<string, string> { ["HTTPS_PORT"] = "443" }, environment: "Production");

    [Fact]
    public async Task Http_is_redirected_to_https_and_https_carries_hsts_for_a_year()
    {
        var http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://kap.test") });
        var redirect = await http.GetAsync("/account/login");
        Assert.True(redirect.StatusCode is HttpStatusCode.RedirectKeepVerb or HttpStatusCode.PermanentRedirect or HttpStatusCode.Redirect, $"got {redirect.StatusCode}");
        Assert.Equal("https", redirect.Headers.Location!.Scheme);

        var https = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://kap.test") });
        var page = await https.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var hsts = Assert.Single(page.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
        Assert.Contains("includeSubDomains", hsts, StringComparison.Ordinal);
    }

    public void Dispose() => _factory.Dispose();
}
