using System.Net;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>Data Protection keys live in the database, so a restart (or a second instance) signs no one out (issue 8).</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_cookie_issued_before_a_restart_still_works_after_it()
    {
        var directory = Path.Combine(Path.GetTempPath(), "kap-e2e", Guid.NewGuid().ToString("N"));
        string cookie;
        using (var first = new KapWebFactory(dataDirectory: directory, keepData: true))
        {
            var client = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            var login = await SignIn.PostLoginAsync(client, DemoData.TherapistMorgan.Email, DemoData.Password);
            cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("kap.auth=", StringComparison.Ordinal)).Split(';')[0];
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/caseload")).StatusCode);
        }

        using var second = new KapWebFactory(dataDirectory: directory);
        var after = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/caseload");
        request.Headers.Add("Cookie", cookie);
        var response = await after.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Caseload", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
