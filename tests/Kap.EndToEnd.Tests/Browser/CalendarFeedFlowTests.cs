using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace Kap.EndToEnd.Tests.Browser;

/// <summary>
/// On a 390×844 phone, the demo patient makes their calendar address, copies it, and a cookieless request for it gets
/// the calendar; making a new one (after confirming) turns the old address off. Axe on the page, nothing wider than
/// the screen.
/// </summary>
public sealed partial class CalendarFeedFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_patient_on_a_phone_makes_copies_and_regenerates_their_calendar_address()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Phone });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = fixture.BaseUrl.GetLeftPart(UriPartial.Authority) });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.SignInAsync(fixture.BaseUrl, DemoData.PatientRiley.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/portal$"));
        await page.GotoAsync(new Uri(fixture.BaseUrl, "portal/calendar").ToString());
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("feed-explanation")).ToContainTextAsync("only when and where");
        await page.AssertAccessibleAsync("the calendar page");

        await page.GetByTestId("create").ClickAsync();
        var url = (await page.GetByTestId("feed-url").TextContentAsync())!.Trim();
        Assert.Matches(FeedUrl(), url);
        Assert.Equal("webcal" + url["http".Length..], await page.GetByTestId("webcal").GetAttributeAsync("href"));

        await page.GetByTestId("copy").ClickAsync();
        await Assertions.Expect(page.GetByTestId("copy-status")).ToContainTextAsync("Copied");
        Assert.Equal(url, await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the calendar page is {overflow}px wider than a 390px phone");
        await page.AssertAccessibleAsync("the calendar page with its new address");
        await page.ScreenshotAsync("60-portal-calendar-phone");

        // What a calendar app gets: no cookie, just the address.
        using var calendarApp = new HttpClient();
        var feed = await calendarApp.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR", await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await page.GetByTestId("regenerate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirm-regenerate")).ToBeVisibleAsync();
        await page.ScreenshotAsync("61-portal-calendar-confirm-phone");
        await page.GetByTestId("confirm-regenerate-yes").ClickAsync();
        await Assertions.Expect(page.GetByTestId("feed-url")).Not.ToHaveTextAsync(url);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await calendarApp.GetAsync(url)).StatusCode);
    }

    [GeneratedRegex("^http://127\\.0\\.0\\.1:\\d+/calendar/[A-Za-z0-9_-]{43}\\.ics$")]
    private static partial Regex FeedUrl();
}
