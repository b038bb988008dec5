using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace Kap.EndToEnd.Tests.Browser;

/// <summary>The controlled-substance ledger in the browser: waste witnessed by a colleague's own sign-in, then a count that does not match.</summary>
public sealed class LedgerFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_nurse_practitioner_records_witnessed_waste_and_a_count_that_flags_a_discrepancy()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Tablet });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.SignInAsync(fixture.BaseUrl, DemoData.NpJordan.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/caseload$"));
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Controlled substances" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/ledger$"));
        await page.WaitForInteractiveAsync();
        var racemic = page.Locator($"[data-testid=stock-row][data-lot={DemoData.DemoRacemicLot}]");
        await Assertions.Expect(racemic.GetByTestId("stock-balance")).ToHaveTextAsync("5,000 mg (100 mL)");

        await page.GetByTestId("open-waste").ClickAsync();
        await page.GetByLabel("Quantity wasted (mg)").FillAsync("12.5");
        await page.GetByLabel("Manner of waste").FillAsync("Drug disposal system");
        await page.GetByLabel("Witness: user name (email)").FillAsync(DemoData.NpTaylor.Email);
        await page.GetByLabel("Witness: password").FillAsync(DemoData.Password);
        await page.AssertAccessibleAsync("the waste form");
        await page.ScreenshotAsync("40-ledger-waste-form");
        await page.GetByTestId("save-waste").ClickAsync();

        await Assertions.Expect(page.GetByTestId("ledger-notice")).ToHaveTextAsync("Waste recorded.");
        await Assertions.Expect(racemic.GetByTestId("stock-balance")).ToHaveTextAsync("4,987.5 mg (99.75 mL)");
        var waste = page.GetByTestId("entry-row").Filter(new() { HasText = "Waste" });
        await Assertions.Expect(waste).ToContainTextAsync("Taylor Brooks, PMHNP");

        await page.GetByTestId("open-count").ClickAsync();
        await page.GetByLabel("Counted (mg)").FillAsync("4980");
        await page.GetByTestId("save-count").ClickAsync();

        await Assertions.Expect(page.GetByTestId("count-result")).ToContainTextAsync("Discrepancy");
        await Assertions.Expect(page.GetByTestId("count-difference")).ToHaveTextAsync("−7.5 mg");
        await Assertions.Expect(racemic.GetByTestId("stock-last-count")).ToContainTextAsync("Discrepancy");
        await page.AssertAccessibleAsync("the ledger after a count");
        await page.ScreenshotAsync("41-ledger-count-discrepancy");

        // The same page on a phone: nothing wider than the screen.
        await page.SetViewportSizeAsync(Viewports.Phone.Width, Viewports.Phone.Height);
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(racemic.GetByTestId("stock-balance")).ToContainTextAsync("4,987.5 mg");
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the ledger page is {overflow}px wider than a 390px phone");
        await page.AssertAccessibleAsync("the ledger on a phone");
        await page.ScreenshotAsync("42-ledger-phone");
    }
}
