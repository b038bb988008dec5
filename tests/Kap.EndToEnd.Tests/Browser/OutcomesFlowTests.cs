using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace Kap.EndToEnd.Tests.Browser;

/// <summary>
/// A therapist completes a demo course, prints its summary, and reads the clinic outcomes report: both pages pass axe on a
/// tablet and a 390 px phone, and nothing is wider than the phone's screen.
/// </summary>
public sealed class OutcomesFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_therapist_completes_a_course_prints_its_summary_and_reads_the_clinic_outcomes()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Tablet });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.SignInAsync(fixture.BaseUrl, DemoData.TherapistSam.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/caseload$"));
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("caseload-table").GetByRole(AriaRole.Link, new() { Name = "Elena García (Ellie)" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/courses/[0-9a-f-]{36}$"));
        await page.WaitForInteractiveAsync();
        var courseUrl = page.Url;
        await page.GetByTestId("move-Completed").ClickAsync();
        await Assertions.Expect(page.GetByTestId("move-Completed")).ToHaveCountAsync(0);

        await page.GotoAsync(courseUrl + "/summary");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Course summary · Ellie (Elena García)");
        await Assertions.Expect(page.GetByTestId("summary-completed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("not-completed")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("summary-measures")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the course summary");
        await page.ScreenshotAsync("50-course-summary");

        // Printed, only the summary is left: no menu, bar, buttons or links back.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("print")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the course" })).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("course-summary")).ToBeVisibleAsync();
        await page.ScreenshotAsync("51-course-summary-print");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        await AssertFitsAPhoneAsync(page, "the course summary");

        await page.SetViewportSizeAsync(Viewports.Tablet.Width, Viewports.Tablet.Height);
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Outcomes" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/reports/outcomes$"));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("outcomes-population")).ToContainTextAsync("1 course completed (all dates)");
        // Whatever the demo course's doses (its route group), the completed course is in the PHQ-9 table's total.
        var phqTotal = page.GetByTestId("outcomes-phq9").Locator("tr[data-group='All routes']");
        await Assertions.Expect(phqTotal.GetByTestId("completed")).ToHaveTextAsync("1");
        await page.AssertAccessibleAsync("the clinic outcomes report");
        await page.ScreenshotAsync("52-clinic-outcomes");

        await AssertFitsAPhoneAsync(page, "the clinic outcomes report");

        // Nothing of what this flow did put a patient's name or date of birth in the logs.
        LogPrivacy.AssertNoPatientIdentitiesIn(fixture.Factory.Logs.Lines);
    }

    private static async Task AssertFitsAPhoneAsync(IPage page, string what)
    {
        await page.SetViewportSizeAsync(Viewports.Phone.Width, Viewports.Phone.Height);
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{what} is {overflow}px wider than a 390px phone");
        await page.AssertAccessibleAsync(what + " on a phone");
        await page.ScreenshotAsync(what.Replace(' ', '-') + "-phone");
    }
}
