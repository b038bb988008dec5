using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace Kap.EndToEnd.Tests.Browser;

/// <summary>The foundation's slice in a real browser: a therapist registers a patient, opens a course and finds it on the caseload.</summary>
public sealed partial class PatientsAndCoursesFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_therapist_registers_a_patient_opens_a_course_and_sees_it_on_the_caseload()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Desktop });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        // Sign in.
        await page.GotoAsync(new Uri(fixture.BaseUrl, "account/login").ToString());
        await page.AssertAccessibleAsync("the sign-in page");
        await page.ScreenshotAsync("01-sign-in");
        await page.SignInAsync(fixture.BaseUrl, DemoData.TherapistMorgan.Email, DemoData.Password);
        await page.WaitForURLAsync(CaseloadUrl());
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Caseload" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the caseload");

        // Register a patient: first with nothing filled in, which must explain itself and save nothing.
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Register patient" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/patients/new$"));
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("patient-submit").ClickAsync();
        await Assertions.Expect(page.GetByText("Enter the patient's legal name.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Enter the date of birth.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Enter the support person's name.")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the patient form showing validation messages");
        await page.ScreenshotAsync("02-register-patient-validation");

        await page.Locator("#legal-name").FillAsync("Noor Haddad");
        await page.Locator("#preferred-name").FillAsync("Noor");
        await page.Locator("#date-of-birth").FillAsync("1990-04-12");
        await page.Locator("#email").FillAsync("noor.haddad@example.org");
        await page.Locator("#mobile").FillAsync("+1 555 301 2222");
        await page.Locator("#support-name").FillAsync("Sami Haddad");
        await page.Locator("#support-relationship").FillAsync("Brother");
        await page.Locator("#support-phone").FillAsync("+1 555 301 3333");
        await page.Locator("#support-phone").PressAsync("Tab");
        await page.ScreenshotAsync("03-register-patient-filled");
        await page.GetByTestId("patient-submit").ClickAsync();

        // Open the course.
        await page.WaitForURLAsync(new Regex("/courses/new\\?patientId="));
        await Assertions.Expect(page.GetByTestId("course-patient")).ToHaveTextAsync("Noor (Noor Haddad)");
        await page.WaitForInteractiveAsync();
        await page.SelectAsync("Prescribing nurse practitioner", DemoData.NpJordan.Name);
        await page.GetByLabel("Treatment-resistant depression").CheckAsync();
        await page.AssertAccessibleAsync("the open-course form");
        await page.ScreenshotAsync("04-open-course");
        await page.GetByTestId("open-course-submit").ClickAsync();

        // The course page shows the phase timeline with Referred current and later phases not started.
        await page.WaitForURLAsync(new Regex("/courses/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Course for Noor (Noor Haddad)" })).ToBeVisibleAsync();
        var timeline = page.GetByTestId("phase-timeline");
        await Assertions.Expect(timeline.Locator(".kap-step-current")).ToContainTextAsync("Referred");
        await Assertions.Expect(timeline.Locator(".kap-step-notstarted")).ToHaveCountAsync(5);
        await page.WaitForInteractiveAsync();
        await page.AssertAccessibleAsync("the course page");
        await page.ScreenshotAsync("05-course");

        // Move it to Screening: the timeline follows.
        await page.GetByTestId("move-Screening").ClickAsync();
        await Assertions.Expect(timeline.Locator(".kap-step-current")).ToContainTextAsync("Screening");

        // The caseload lists it, and the search finds it.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Caseload" }).ClickAsync();
        await page.WaitForURLAsync(CaseloadUrl());
        await page.Locator("#caseload-search").FillAsync("haddad");
        var table = page.GetByTestId("caseload-table");
        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = "Noor Haddad (Noor)" })).ToBeVisibleAsync();
        await Assertions.Expect(table.GetByText("Riley Chen")).ToHaveCountAsync(0);
        await Assertions.Expect(table).ToContainTextAsync("Screening");
        await page.ScreenshotAsync("06-caseload-search");

        // Health information stays out of the logs: the new patient's name and email appear in none of them.
        Assert.NotEmpty(fixture.Factory.Logs.Lines);
        Assert.DoesNotContain(fixture.Factory.Logs.Lines, l => l.Contains("Haddad", StringComparison.OrdinalIgnoreCase));

        await page.Locator("#caseload-search").FillAsync("");
        await Assertions.Expect(table.GetByText("Riley Chen")).ToBeVisibleAsync();
        foreach (var (name, size) in Viewports.All)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await Assertions.Expect(table.GetByText("Noor Haddad (Noor)")).ToBeVisibleAsync();
            await page.AssertAccessibleAsync($"the caseload at {name} size");
            await page.ScreenshotAsync($"07-caseload-{name}");
        }
    }

    [Fact]
    public async Task A_patient_signs_in_to_their_own_area_on_a_phone()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Phone });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.SignInAsync(fixture.BaseUrl, DemoData.PatientRiley.Email, DemoData.Password);

        await page.WaitForURLAsync(new Regex("/portal$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Riley Chen" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the patient area");
        await page.ScreenshotAsync("08-portal-phone");

        await page.GotoAsync(new Uri(fixture.BaseUrl, "caseload").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to this page" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the access-denied page");
    }

    private static Regex CaseloadUrl() => CaseloadRegex();

    [GeneratedRegex("/caseload$")]
    private static partial Regex CaseloadRegex();
}
