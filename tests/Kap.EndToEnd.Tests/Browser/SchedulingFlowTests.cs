using System.Globalization;
using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace Kap.EndToEnd.Tests.Browser;

/// <summary>Booking a dosing session in the browser plans its reminders, and staff can see them.</summary>
public sealed class SchedulingFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_therapist_books_a_dosing_session_and_sees_its_planned_reminders()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Tablet });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.SignInAsync(fixture.BaseUrl, DemoData.TherapistMorgan.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/caseload$"));
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("caseload-table").GetByRole(AriaRole.Link, new() { Name = "Riley Chen" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/courses/[0-9a-f-]{36}$"));
        await page.WaitForInteractiveAsync();

        await page.GetByTestId("book-session").ClickAsync();
        await page.WaitForURLAsync(new Regex("/book$"));
        await page.WaitForInteractiveAsync();
        await page.SelectAsync("Kind", "Dosing");
        await Assertions.Expect(page.GetByText("flagged \"gate not met yet\"", new() { Exact = false })).ToBeVisibleAsync();
        var day = DateTime.Today.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.Locator("#date").FillAsync(day);
        await page.Locator("#time").FillAsync("10:00");
        await page.Locator("#time").PressAsync("Tab");
        await page.AssertAccessibleAsync("the booking form");
        await page.ScreenshotAsync("10-book-dosing");
        await page.GetByTestId("book-submit").ClickAsync();

        await page.WaitForURLAsync(new Regex("/courses/[0-9a-f-]{36}(#sessions)?$"));
        var dosing = page.GetByTestId("session").Filter(new() { HasText = "Dosing" });
        await Assertions.Expect(dosing).ToHaveCountAsync(1);
        await Assertions.Expect(dosing).ToContainTextAsync("Gate not met yet");
        await Assertions.Expect(dosing).ToContainTextAsync("Jordan Lee, PMHNP");
        await Assertions.Expect(page.GetByText("No integration session is booked within 72 hours")).ToBeVisibleAsync();

        await dosing.Locator("summary").ClickAsync();
        var reminders = dosing.Locator("table");
        foreach (var kind in new[] { "Preparation instructions", "Checklist", "Starting soon", "Next-day check-in", "Integration booked?" })
        {
            await Assertions.Expect(reminders.GetByRole(AriaRole.Cell, new() { Name = kind, Exact = true }).First).ToBeVisibleAsync();
        }

        await Assertions.Expect(reminders).ToContainTextAsync("Planned");
        await Assertions.Expect(reminders).ToContainTextAsync("Riley Chen");
        await page.WaitForInteractiveAsync();
        await page.AssertAccessibleAsync("the course page with its sessions and reminders");
        await page.ScreenshotAsync("11-course-sessions-reminders");

        // Cancelling withdraws its reminders.
        await dosing.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await page.GetByLabel("Why is it cancelled?").FillAsync("Patient asked to move to the next week");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel session" }).ClickAsync();
        await Assertions.Expect(dosing).ToContainTextAsync("Cancelled: Patient asked to move to the next week");
        await Assertions.Expect(dosing.Locator("summary")).ToContainTextAsync("withdrawn");
    }

    [Fact]
    public async Task A_nurse_practitioner_finds_the_week_on_the_calendar_and_messages_in_the_inbox()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Desktop });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.SignInAsync(fixture.BaseUrl, DemoData.NpJordan.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/caseload$"));
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Calendar" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/calendar$"));
        await page.WaitForInteractiveAsync();
        // The demo clinic books Marcus Bell's dosing sessions with Jordan tomorrow and in four days.
        await page.GetByTestId("next").ClickAsync();
        await page.GetByTestId("today").ClickAsync();
        if (DateTime.Today.DayOfWeek == DayOfWeek.Sunday)
        {
            // Tomorrow is in next week's view.
            await page.GetByTestId("next").ClickAsync();
        }

        await Assertions.Expect(page.GetByTestId("appointment").Filter(new() { HasText = "Marcus Bell" }).First).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(600); // let button colour transitions settle before the contrast check
        await page.AssertAccessibleAsync("the calendar week");
        await page.ScreenshotAsync("12-calendar-week");

        foreach (var (name, size) in Viewports.All)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await page.AssertAccessibleAsync($"the calendar at {name} size");
            await page.ScreenshotAsync($"13-calendar-{name}");
        }

        await page.GotoAsync(new Uri(fixture.BaseUrl, "inbox").ToString());
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Inbox" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the inbox");
        await page.ScreenshotAsync("14-inbox-phone");
    }

    [Fact]
    public async Task The_jobs_dashboard_is_for_admins_only()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.SignInAsync(fixture.BaseUrl, DemoData.TherapistSam.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/caseload$"));
        var refused = await page.GotoAsync(new Uri(fixture.BaseUrl, "jobs").ToString());
        Assert.Equal(403, refused!.Status);

        await using var adminContext = await browser.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await admin.SignInAsync(fixture.BaseUrl, DemoData.Admin.Email, DemoData.Password);
        await admin.WaitForURLAsync(new Regex("/caseload$"));
        var dashboard = await admin.GotoAsync(new Uri(fixture.BaseUrl, "jobs/recurring").ToString());
        Assert.Equal(200, dashboard!.Status);
        await Assertions.Expect(admin.GetByText("reminders-dispatch")).ToBeVisibleAsync();

        await admin.GotoAsync(new Uri(fixture.BaseUrl, "admin/rooms").ToString());
        await admin.WaitForInteractiveAsync();
        await admin.Locator("#room-name").FillAsync("Birch room");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add room" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("rooms")).ToContainTextAsync("Birch room");
        await admin.AssertAccessibleAsync("the rooms admin page");
        await admin.ScreenshotAsync("15-admin-rooms");

        await admin.GotoAsync(new Uri(fixture.BaseUrl, "admin/consent").ToString());
        await admin.WaitForInteractiveAsync();
        await Assertions.Expect(admin.GetByTestId("current-version")).ToContainTextAsync("version 1");
        await admin.Locator("#consent-text").FillAsync("Revised consent text: what the treatment is, its risks, and your right to stop at any time.");
        await admin.GetByTestId("publish-consent").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("published")).ToContainTextAsync("Version 2 is published");
        await admin.AssertAccessibleAsync("the consent document admin page");
    }
}
