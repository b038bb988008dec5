using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace Kap.EndToEnd.Tests.Browser;

/// <summary>
/// The therapist takes a demo patient whose six doses are given from the last dosing session through integration
/// to a completed course: the sessions with their integration, notes after the series with a risk check, the
/// outcome charts and their tables, completion, and the printable summary.
/// </summary>
public sealed class IntegrationFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_therapist_takes_a_course_from_its_last_dose_through_integration_to_a_completed_summary()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Desktop });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.SignInAsync(fixture.BaseUrl, DemoData.TherapistSam.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/caseload$"));
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("caseload-table").GetByRole(AriaRole.Link, new() { Name = "Elena García (Ellie)" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/courses/[0-9a-f-]{36}$"));
        await page.WaitForInteractiveAsync();
        var courseUrl = page.Url;

        // Six doses, each followed by an attended integration session.
        var sessions = page.GetByTestId("dosing-session-list");
        await Assertions.Expect(sessions.Locator("tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(sessions.GetByTestId("integration-after").First).ToContainTextAsync("attended");
        await Assertions.Expect(page.GetByTestId("integration-note")).ToHaveCountAsync(6);

        // The outcome chart: PHQ-9 13 → 5 is a response, shown in words and in the table.
        var phq9 = page.GetByTestId("trend-Phq9");
        await Assertions.Expect(phq9.GetByTestId("trend-status")).ToContainTextAsync("Baseline 13 → latest 5");
        await Assertions.Expect(phq9.GetByTestId("response-reached")).ToBeVisibleAsync();
        await phq9.Locator("summary").ClickAsync();
        await Assertions.Expect(phq9.GetByTestId("trend-table").Locator("tbody tr")).ToHaveCountAsync(3);
        await phq9.Locator("button", new() { HasText = "By dose" }).ClickAsync();
        await Assertions.Expect(phq9.Locator("svg").First).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the course page in integration");
        await page.Locator("#outcomes-over-time").ScreenshotAsync("30-outcomes-over-time");

        // Integration after the series: the risk check is required before the note is saved.
        await page.GetByTestId("write-integration-note").ClickAsync();
        await page.SelectAsync("Follows", "The series as a whole");
        await page.Locator("#integration-experience").FillAsync("Looks back on the series as 'coming back to myself'.");
        await page.Locator("#integration-themes").FillAsync("hope, connection");
        await page.Locator("#integration-homework").FillAsync("Keep the morning breathing; monthly check-in");
        await page.GetByTestId("save-integration-note").ClickAsync();
        await Assertions.Expect(page.GetByTestId("integration-error")).ToContainTextAsync("Record the risk check");
        await page.GetByText("Asked: no concerns").ClickAsync();
        await page.AssertAccessibleAsync("the integration note form");
        await page.ScreenshotAsync("31-integration-note-form");
        await page.GetByTestId("save-integration-note").ClickAsync();
        await Assertions.Expect(page.GetByTestId("integration-note")).ToHaveCountAsync(7);
        await Assertions.Expect(page.Locator("#integration")).ToContainTextAsync("After the series");

        // Completion.
        await page.GetByTestId("move-Completed").ClickAsync();
        await Assertions.Expect(page.GetByTestId("course-completed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("add-maintenance")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the completed course");
        await page.ScreenshotAsync("32-course-completed");

        // The summary: six doses by IV infusion, integration attended, and the PHQ-9 response from baseline to end.
        await page.GetByTestId("course-completed").GetByRole(AriaRole.Link, new() { Name = "View and print the course summary" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/summary$"));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("summary-completed")).ToBeVisibleAsync();
        var measures = page.GetByTestId("summary-measures");
        await Assertions.Expect(measures).ToContainTextAsync("PHQ-9");
        await Assertions.Expect(measures).ToContainTextAsync("13");
        await Assertions.Expect(measures).ToContainTextAsync("Response");
        await page.AssertAccessibleAsync("the course summary after integration");
        await page.ScreenshotAsync("33-course-summary-after-integration");

        // Nothing of what this flow did put a patient's name or date of birth in the logs.
        LogPrivacy.AssertNoPatientIdentitiesIn(fixture.Factory.Logs.Lines);
    }
}
