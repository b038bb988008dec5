using System.Net;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Persistence;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Feed = Kap.Domain.Portal.CalendarFeed;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>
/// GET /calendar/{token}.ics over real HTTP on the demo clinic, the way a calendar app calls it: no cookie. The feed
/// rows are written straight to the database here; making them through the portal is covered by the handler tests.
/// </summary>
public sealed class CalendarFeedEndpointTests(KapWebFactoryFixture fixture) : IClassFixture<KapWebFactoryFixture>
{
    private HttpClient CookielessClient() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A feed for the demo patient Riley; returns the token (and revokes the feed at once when asked).</summary>
    private async Task<string> RileysFeedAsync(bool revoked = false)
    {
        CookielessClient().Dispose(); // starts the app, which migrates and seeds the demo clinic
        await using var db = await fixture.Factory.Services.GetRequiredService<IDbContextFactory<KapDbContext>>().CreateDbContextAsync();
        var riley = await db.Patients.Where(p => p.Email == DemoData.PatientRiley.Email).Select(p => p.Id).SingleAsync();
        var (feed, token) = Feed.Create(riley, DateTime.UtcNow);
        if (revoked)
        {
            feed.Revoke(DateTime.UtcNow);
        }

        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync();
        return token;
    }

    [Fact]
    public async Task A_created_feed_is_served_as_text_calendar_without_any_cookie_and_not_cached()
    {
        var token = await RileysFeedAsync();
        using var client = CookielessClient();

        var response = await client.GetAsync($"/calendar/{token}.ics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var ics = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("METHOD:PUBLISH\r\n", ics, StringComparison.Ordinal);
        Assert.Contains("X-WR-CALNAME:", ics, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("Riley", ics, StringComparison.Ordinal);

        // Nothing the app logged names the token or the patient.
        Assert.DoesNotContain(fixture.Factory.Logs.Lines, l => l.Contains(token, StringComparison.Ordinal) || l.Contains("Riley", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_token_is_an_empty_404()
    {
        var token = await RileysFeedAsync(revoked: true);
        using var client = CookielessClient();

        var response = await client.GetAsync($"/calendar/{token}.ics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_random_token_or_one_that_is_not_a_token_at_all_is_an_empty_404(bool wellFormed)
    {
        var token = wellFormed ? Feed.Create(Guid.NewGuid(), DateTime.UtcNow).Token : "not-a-token";
        using var client = CookielessClient();

        var response = await client.GetAsync($"/calendar/{token}.ics");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // A bare status for a calendar app, not the site's "page not found" HTML.
        Assert.Empty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task One_client_address_gets_at_most_60_requests_a_minute()
    {
        var server = fixture.Factory.Server;
        var address = IPAddress.Parse("203.0.113.77"); // its own rate-limit partition, whatever the other tests send

        var responses = new List<(int Status, string RetryAfter)>();
        for (var i = 0; i < 61; i++)
        {
            var context = await server.SendAsync(c =>
            {
                c.Request.Method = "GET";
                c.Request.Path = "/calendar/not-a-token.ics";
                c.Connection.RemoteIpAddress = address;
            });
            responses.Add((context.Response.StatusCode, context.Response.Headers.RetryAfter.ToString()));
        }

        Assert.All(responses.Take(60), r => Assert.Equal(404, r.Status));
        Assert.Equal((429, "60"), responses[60]);
    }
}
