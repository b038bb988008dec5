using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace Kap.EndToEnd.Tests.Browser;

/// <summary>An admin opens the audit trail from the menu, filters it, verifies the chain; the page passes axe.</summary>
public sealed class AuditTrailFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_admin_filters_the_audit_trail_and_verifies_the_chain()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Tablet });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        await page.SignInAsync(fixture.BaseUrl, DemoData.Admin.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/caseload$"));
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/audit$"));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit trail");
        await Assertions.Expect(page.GetByTestId("entries")).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the audit trail");

        await page.GetByLabel("Outcome").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Succeeded" }).ClickAsync();
        await page.GetByLabel("Action (end with * for a prefix)").FillAsync("Get*");
        await page.GetByTestId("show-entries").ClickAsync();
        await Assertions.Expect(page.GetByTestId("export-csv")).ToHaveAttributeAsync("href", new Regex("action=Get%2A.*success=true"));
        await Assertions.Expect(page.GetByTestId("entry-row").First).ToContainTextAsync("Get");

        await page.GetByTestId("verify-chain").ClickAsync();
        await Assertions.Expect(page.GetByTestId("verify-result")).ToContainTextAsync("Intact:");
        await page.AssertAccessibleAsync("the audit trail with the chain verified");
        await page.ScreenshotAsync("60-audit-trail");
    }
}
