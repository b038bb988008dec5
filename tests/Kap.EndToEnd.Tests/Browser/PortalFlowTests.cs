using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace Kap.EndToEnd.Tests.Browser;

/// <summary>
/// A demo patient on a phone (390×844): their next dosing session with its instructions, a confirmation, their course
/// and settings, and a PHQ-9 filled in one question at a time and scored — axe on every page, nothing wider than the screen.
/// </summary>
public sealed class PortalFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_patient_on_a_phone_prepares_for_a_dosing_session_and_keeps_their_course_up_to_date()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Phone, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.SignInAsync(fixture.BaseUrl, DemoData.PatientMarcus.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/portal$"));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Welcome, Marcus Bell");

        // The next appointment is tomorrow's dosing session, shown in Chicago time with its instructions open.
        var dosing = page.Locator("[data-testid=portal-appointment][data-kind=Dosing]").First;
        await Assertions.Expect(dosing).ToContainTextAsync("Dosing session");
        await Assertions.Expect(dosing).ToContainTextAsync("08:00"); // 09:00 in New York
        var before = dosing.GetByTestId("instructions-before");
        await Assertions.Expect(before).ToContainTextAsync("Nothing to eat for 6 hours");
        await Assertions.Expect(before).ToContainTextAsync("Do not take lorazepam in the 24 hours before your session");
        await Assertions.Expect(before).ToContainTextAsync("must not drive");
        await page.AssertAccessibleAsync("the portal's appointments on a phone");
        await AssertFitsTheScreenAsync(page);
        await page.ScreenshotAsync("40-portal-appointments-phone");

        await dosing.GetByTestId("confirm-appointment").ClickAsync();
        await Assertions.Expect(dosing.GetByTestId("request-status")).ToContainTextAsync("You confirmed you'll be there");

        var integration = page.Locator("[data-testid=portal-appointment][data-kind=Integration]").First;
        await integration.GetByTestId("reschedule-appointment").ClickAsync();
        await integration.Locator("textarea").FillAsync("I'm away that afternoon");
        await integration.GetByTestId("send-reschedule").ClickAsync();
        await Assertions.Expect(integration.GetByTestId("request-status")).ToContainTextAsync("You asked to reschedule");

        // The menu opens over the page on a phone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Open or close the menu" }).ClickAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Portal" }).GetByRole(AriaRole.Link, new() { Name = "My course" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/portal/course$"));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("course-phase")).ToHaveTextAsync("Dosing sessions");
        await Assertions.Expect(page.GetByTestId("portal-timeline")).ToContainTextAsync("0 of 6 dosing sessions done, 2 booked.");
        await page.AssertAccessibleAsync("the patient's course on a phone");
        await AssertFitsTheScreenAsync(page);
        await page.ScreenshotAsync("41-portal-course-phone");

        // The weekly PHQ-9 is due: one question at a time, a reload keeps the answers, then it is scored.
        await page.GotoAsync(new Uri(fixture.BaseUrl, "portal").ToString());
        await page.WaitForInteractiveAsync();
        var phq9 = page.GetByTestId("due-questionnaire").Filter(new() { HasText = "PHQ-9" });
        await phq9.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(new Regex("/portal/questionnaires/phq-9$"));
        await page.WaitForInteractiveAsync();
        await page.AssertAccessibleAsync("a questionnaire question on a phone");
        await page.ScreenshotAsync("43-portal-phq9-question-phone");
        for (var item = 1; item <= 9; item++)
        {
            if (item == 5)
            {
                await page.ReloadAsync();
                await page.WaitForInteractiveAsync();
                await Assertions.Expect(page.GetByTestId("progress")).ToHaveTextAsync("Question 5 of 9");
            }

            var question = page.Locator($"[data-testid=measure-item][data-item='{item}']");
            await question.Locator("label").Nth(item == 9 ? 0 : 1).ClickAsync();
            var next = page.GetByTestId("next");
            if (item < 9)
            {
                await next.ClickAsync();
            }
            else
            {
                await page.GetByTestId("submit-measure").ClickAsync();
            }
        }

        await Assertions.Expect(page.GetByTestId("review-item")).ToHaveCountAsync(9);
        await page.AssertAccessibleAsync("the questionnaire review on a phone");
        await page.GetByTestId("send-answers").ClickAsync();
        var result = page.GetByTestId("questionnaire-result");
        await Assertions.Expect(result.GetByTestId("result-score")).ToContainTextAsync("8");
        await page.AssertAccessibleAsync("the questionnaire result on a phone");
        await AssertFitsTheScreenAsync(page);
        await page.ScreenshotAsync("44-portal-phq9-scored-phone");

        await page.GotoAsync(new Uri(fixture.BaseUrl, "portal/settings").ToString());
        await page.WaitForInteractiveAsync();
        await page.GetByText("Only in Messages here").ClickAsync();
        await page.GetByTestId("save-settings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("settings-saved")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the reminder settings on a phone");
        await AssertFitsTheScreenAsync(page);
        await page.ScreenshotAsync("42-portal-settings-phone");

        // Nothing of what this flow did put a patient's name or date of birth in the logs.
        LogPrivacy.AssertNoPatientIdentitiesIn(fixture.Factory.Logs.Lines);
    }

    private static async Task AssertFitsTheScreenAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"The page is {overflow}px wider than the phone's screen.");
    }
}
