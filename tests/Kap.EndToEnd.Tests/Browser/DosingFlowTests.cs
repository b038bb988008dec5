using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace Kap.EndToEnd.Tests.Browser;

/// <summary>
/// The NP doses a demo patient on a tablet: pre-dose checklist (with the C-SSRS screen and a fresh weight),
/// the dose from a ledger lot, vitals and MOAA/S with the alert shown, the infusion end, discharge refused
/// and then accepted an hour later, and the ledger entry for the dose.
/// </summary>
public sealed class DosingFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_np_doses_a_demo_patient_from_the_checklist_to_discharge_on_a_tablet()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Tablet });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.SignInAsync(fixture.BaseUrl, DemoData.NpJordan.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/caseload$"));
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("caseload-table").GetByRole(AriaRole.Link, new() { Name = "Marcus Bell" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/courses/[0-9a-f-]{36}$"));
        await page.WaitForInteractiveAsync();
        var courseUrl = page.Url;
        await Assertions.Expect(page.GetByTestId("no-dosing-sessions")).ToBeVisibleAsync();
        await page.GetByTestId("start-dosing-session").ClickAsync();
        await page.WaitForURLAsync(new Regex("/dosing/start$"));
        await page.WaitForInteractiveAsync();

        // The weight on record is six weeks old: the dose cannot be computed until the patient is weighed.
        await Assertions.Expect(page.GetByTestId("dose-arithmetic")).ToContainTextAsync("Weigh the patient again");
        var recordItems = page.GetByTestId("record-items");
        await Assertions.Expect(recordItems).ToContainTextAsync("Pre-dose C-SSRS screen: not done in the last 24 h");

        // Nothing ticked: the start is refused, naming every missing item.
        await page.GetByTestId("start-session").ClickAsync();
        var refusal = page.GetByTestId("start-error");
        await Assertions.Expect(refusal).ToContainTextAsync("Fasting");
        await Assertions.Expect(refusal).ToContainTextAsync("C-SSRS");
        await Assertions.Expect(refusal).ToContainTextAsync("Blood pressure");

        var cssrs = page.GetByTestId("measure-form");
        foreach (var i in new[] { 0, 1, 2 })
        {
            await cssrs.GetByTestId("measure-item").Nth(i).Locator("label").Filter(new() { HasText = "(0)" }).ClickAsync();
        }

        await cssrs.GetByTestId("submit-measure").ClickAsync();
        await Assertions.Expect(recordItems).ToContainTextAsync("Pre-dose C-SSRS screen not high risk");

        await page.Locator("#weight-today").FillAsync("82");
        foreach (var box in new[] { "Fasting confirmed", "Escort / driver home confirmed", "No alcohol in the last 24 h", "Medication flags reviewed" })
        {
            await page.GetByLabel(box).CheckAsync();
        }

        await page.SelectAsync("Baseline MOAA/S", "5 · responds readily to name in a normal tone");
        await page.Locator("#systolic").FillAsync("132");
        await page.Locator("#diastolic").FillAsync("84");
        await page.Locator("#heart-rate").FillAsync("72");
        await page.Locator("#spo2").FillAsync("98");
        await page.AssertAccessibleAsync("the pre-dose checklist");
        await page.ScreenshotAsync("20-pre-dose-checklist-tablet");
        await page.GetByTestId("start-session").ClickAsync();
        await page.WaitForURLAsync(new Regex("/dosing/[0-9a-f-]{36}$"));
        await page.WaitForInteractiveAsync();
        var sessionUrl = page.Url;

        // 0.5 mg/kg × 82 kg = 41 mg, from the demo lot at 50 mg/mL.
        await Assertions.Expect(page.GetByTestId("planned-dose")).ToContainTextAsync("0.5 mg/kg × 82 kg = 41 mg");
        await Assertions.Expect(page.Locator("#dose-mg")).ToHaveValueAsync("41");
        await page.GetByTestId("record-dose").ClickAsync();
        var administrations = page.GetByTestId("administrations");
        await Assertions.Expect(administrations).ToContainTextAsync("41 mg / 0.82 mL");
        await Assertions.Expect(administrations).ToContainTextAsync(DemoData.DemoRacemicLot);

        await SaveVitalsAsync(page, "138", "86", "76", "97");
        await page.GetByTestId("moaas-4").ClickAsync();
        await Assertions.Expect(page.GetByTestId("session-alerts")).ToContainTextAsync("MOAA/S 4, below baseline 5");
        await Assertions.Expect(page.GetByTestId("vitals-timeline")).ToContainTextAsync("138/86");

        // A dropped connection: the page is reloaded and everything entered is still there.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("vitals-timeline")).ToContainTextAsync("138/86");
        await Assertions.Expect(page.GetByTestId("sedation-list")).ToContainTextAsync("4 · lethargic");
        await page.AssertAccessibleAsync("the bedside session screen");
        await page.ScreenshotAsync("21-dosing-session-tablet");

        await page.GetByTestId("end-infusion").ClickAsync();
        await Assertions.Expect(page.GetByTestId("minutes-until-ready")).ToContainTextAsync("60 min of monitoring left");

        // Discharge now is refused with the reasons named.
        await page.GetByTestId("discharge-button").ClickAsync();
        var error = page.GetByTestId("session-error");
        await Assertions.Expect(error).ToContainTextAsync("more minute(s) of monitoring needed");
        await Assertions.Expect(error).ToContainTextAsync("MOAA/S: 4 is not back to the baseline 5");
        await Assertions.Expect(error).ToContainTextAsync("Escort: no escort present");

        // An hour later.
        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(61));
        await page.GotoAsync(sessionUrl);
        await page.WaitForInteractiveAsync();
        await SaveVitalsAsync(page, "124", "80", "70", "98");
        await page.GetByTestId("moaas-5").ClickAsync();
        await Assertions.Expect(page.GetByTestId("discharge-ready")).ToBeVisibleAsync();
        foreach (var box in new[] { "Alert and oriented", "Tolerating fluids", "Minimal nausea", "Escort present" })
        {
            await page.GetByLabel(box, new() { Exact = true }).CheckAsync();
        }

        await page.GetByTestId("discharge-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("session-status")).ToHaveTextAsync("Discharged");
        var record = page.GetByTestId("discharge-record");
        await Assertions.Expect(record).ToContainTextAsync("Jordan Lee, PMHNP");
        await Assertions.Expect(record).ToContainTextAsync("Pre-dose 132/84");
        await Assertions.Expect(record).ToContainTextAsync("At discharge 124/80");
        await page.AssertAccessibleAsync("the discharged session record");
        await page.ScreenshotAsync("22-dosing-discharged");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.ScreenshotAsync("23-dosing-record-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // The dose is in the controlled-substance ledger, drawn from the lot.
        await page.GotoAsync(new Uri(fixture.BaseUrl, "ledger").ToString());
        await page.WaitForInteractiveAsync();
        var lot = page.Locator($"[data-testid=stock-row][data-lot='{DemoData.DemoRacemicLot}']");
        await Assertions.Expect(lot.GetByTestId("stock-balance")).ToContainTextAsync("4,959 mg");
        var administration = page.GetByTestId("entry-row").Filter(new() { HasText = "Marcus Bell" });
        await Assertions.Expect(administration).ToContainTextAsync("Administration");
        await Assertions.Expect(administration).ToContainTextAsync("41");
        await page.AssertAccessibleAsync("the ledger after a dose");
        await page.ScreenshotAsync("24-ledger-after-dose");

        // Back on the course: the session is listed, and the measures schedule shows what is due.
        await page.GotoAsync(courseUrl);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("dosing-session-list")).ToContainTextAsync("Discharged");
        await Assertions.Expect(page.GetByTestId("due-measures")).ToContainTextAsync("Baseline");
        await page.AssertAccessibleAsync("the course page with a dosing session");
        await page.ScreenshotAsync("25-course-after-dose");

        // Nothing of what this flow did put a patient's name or date of birth in the logs.
        LogPrivacy.AssertNoPatientIdentitiesIn(fixture.Factory.Logs.Lines);
    }

    private static async Task SaveVitalsAsync(IPage page, string systolic, string diastolic, string heartRate, string spo2)
    {
        await page.Locator("#v-systolic").FillAsync(systolic);
        await page.Locator("#v-diastolic").FillAsync(diastolic);
        await page.Locator("#v-heart-rate").FillAsync(heartRate);
        await page.Locator("#v-spo2").FillAsync(spo2);
        await page.GetByTestId("save-vitals").ClickAsync();
        await Assertions.Expect(page.GetByTestId("vitals-timeline")).ToContainTextAsync($"{systolic}/{diastolic}");
    }
}
