using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace Kap.EndToEnd.Tests.Browser;

/// <summary>
/// A referred demo patient through screening into preparation, with the gate checklist filling as
/// consent and preparation notes are recorded, and Dosing refused while items are missing.
/// </summary>
public sealed class PreparationFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_therapist_screens_a_referred_patient_and_the_gate_checklist_fills()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Desktop });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.SignInAsync(fixture.BaseUrl, DemoData.TherapistMorgan.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/caseload$"));
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("caseload-table").GetByRole(AriaRole.Link, new() { Name = "Alexandra Novak (Alex)" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/courses/[0-9a-f-]{36}$"));
        await page.WaitForInteractiveAsync();
        var gate = page.GetByTestId("gate");
        var met = gate.Locator("[data-met=true]");
        await Assertions.Expect(met).ToHaveCountAsync(1); // the support person from registration

        await page.GetByTestId("move-Screening").ClickAsync();
        await Assertions.Expect(page.GetByTestId("phase-timeline").Locator(".kap-step-current")).ToContainTextAsync("Screening");

        // Preparation is refused until the screening says "suitable".
        await page.GetByTestId("move-Preparation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("phase-error")).ToContainTextAsync("Record the suitability screening");

        await page.GetByTestId("record-screening").ClickAsync();
        await page.Locator("#prior-treatments").FillAsync("Sertraline and venlafaxine, little benefit; 12 sessions of CBT.");
        await page.Locator("#support-network").FillAsync("Partner; a sister who lives nearby.");
        await page.Locator("#goals").FillAsync("Feel able to return to work.");
        await page.GetByTestId("save-suitability").ClickAsync();
        await Assertions.Expect(page.GetByTestId("suitability")).ToContainTextAsync("Suitable");

        await page.GetByTestId("move-Preparation").ClickAsync();
        await Assertions.Expect(page.GetByTestId("phase-timeline").Locator(".kap-step-current")).ToContainTextAsync("Preparation");

        await page.GetByTestId("open-consent").ClickAsync();
        await page.Locator("#consent-name").FillAsync("Alexandra Novak");
        await page.GetByTestId("sign-consent").ClickAsync();
        await Assertions.Expect(page.GetByTestId("consent-status")).ToContainTextAsync("Signed by Alexandra Novak");
        await Assertions.Expect(met).ToHaveCountAsync(2);

        await page.GetByTestId("add-note").ClickAsync();
        await page.Locator("#intentions").FillAsync("To let go of the guilt about my father");
        await page.GetByTestId("save-note").ClickAsync();
        await Assertions.Expect(page.GetByTestId("preparation-notes")).ToContainTextAsync("let go of the guilt");
        await Assertions.Expect(met).ToHaveCountAsync(3);
        await page.AssertAccessibleAsync("the course page in preparation");
        await page.ScreenshotAsync("16-preparation-checklist");

        // The gate names exactly what is still missing.
        await page.GetByTestId("move-Dosing").ClickAsync();
        var refusal = page.GetByTestId("phase-error");
        await Assertions.Expect(refusal).ToContainTextAsync("Medical clearance");
        await Assertions.Expect(refusal).ToContainTextAsync("Baseline measures");
        await Assertions.Expect(refusal).Not.ToContainTextAsync("consent");
        await Assertions.Expect(page.GetByTestId("phase-timeline").Locator(".kap-step-current")).ToContainTextAsync("Preparation");

        // Baseline measures, entered by the therapist with the patient.
        await RecordMeasureAsync(page, "PHQ-9", [1, 1, 1, 2, 1, 1, 1, 0, 0]);
        await RecordMeasureAsync(page, "GAD-7", [1, 1, 1, 0, 0, 1, 1]);
        await RecordMeasureAsync(page, "C-SSRS", [0, 0, 0]); // Q1 no, Q2 no (Q3–Q5 not asked), Q6 no
        await Assertions.Expect(met).ToHaveCountAsync(4);
        await page.ScreenshotAsync("17-measures");

        // The prescribing NP clears the patient medically.
        await using var npContext = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Tablet });
        var np = await npContext.NewPageAsync();
        np.SetDefaultTimeout(20_000);
        var courseUrl = page.Url;
        await np.SignInAsync(fixture.BaseUrl, DemoData.NpJordan.Email, DemoData.Password);
        await np.WaitForURLAsync(new Regex("/caseload$"));
        await np.GotoAsync(courseUrl);
        await np.WaitForInteractiveAsync();
        await np.GetByTestId("edit-clearance").ClickAsync();
        await np.Locator("#systolic").FillAsync("124");
        await np.Locator("#diastolic").FillAsync("78");
        await np.Locator("#heart-rate").FillAsync("68");
        await np.Locator("#weight").FillAsync("68.5");
        await np.Locator("#height").FillAsync("170");
        await np.Locator("#cardiac-history").FillAsync("No cardiac or vascular history.");
        await np.Locator("#allergies").FillAsync("None known");
        await np.SelectAsync("Pregnancy status", "Not applicable");
        await np.GetByTestId("save-clearance").ClickAsync();
        await Assertions.Expect(np.GetByTestId("bmi")).ToHaveTextAsync("23.7");
        await Assertions.Expect(np.GetByTestId("sign-clearance")).ToBeEnabledAsync();
        await np.GetByTestId("sign-clearance").ClickAsync();
        await Assertions.Expect(np.GetByTestId("clearance-status")).ToContainTextAsync("Signed");
        await np.AssertAccessibleAsync("the course page with a signed clearance, as the NP");
        await np.ScreenshotAsync("18-clearance-signed");

        // Back with the therapist: the checklist is full and the course enters Dosing.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(met).ToHaveCountAsync(5);
        await page.GetByTestId("move-Dosing").ClickAsync();
        await Assertions.Expect(page.GetByTestId("phase-timeline").Locator(".kap-step-current")).ToContainTextAsync("Dosing");
        await page.ScreenshotAsync("19-in-dosing");
    }

    private static async Task RecordMeasureAsync(IPage page, string instrument, int[] answers)
    {
        await page.GetByTestId("record-measure").ClickAsync();
        await page.GetByLabel("Questionnaire").ClickAsync(new LocatorClickOptions { Force = true });
        await page.Locator(".mud-popover-open").GetByText(instrument, new() { Exact = false }).First.ClickAsync();
        var form = page.GetByTestId("measure-form");
        await Assertions.Expect(form).ToBeVisibleAsync();
        for (var i = 0; i < answers.Length; i++)
        {
            // Items not asked (C-SSRS skip logic) are not rendered, so the n-th visible item is the next one to answer.
            var item = form.GetByTestId("measure-item").Nth(i);
            await item.Locator("label").Filter(new() { HasText = $"({answers[i]})" }).ClickAsync();
        }

        await form.GetByTestId("submit-measure").ClickAsync();
        await Assertions.Expect(page.GetByTestId("measure-result")).ToContainTextAsync(instrument);
    }
}
