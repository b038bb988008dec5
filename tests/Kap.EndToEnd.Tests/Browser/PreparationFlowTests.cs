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
    }
}
