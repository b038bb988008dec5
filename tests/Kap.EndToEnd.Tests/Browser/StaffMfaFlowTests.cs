using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.Playwright;
using OtpNet;

namespace Kap.EndToEnd.Tests.Browser;

/// <summary>
/// A therapist's first sign-in where staff MFA is required, on a phone: the set-up page with its QR code and key, the
/// recovery codes, the caseload; then signing in again with the app's code. Its own Kap (MFA required, as in a clinic);
/// the shared browser.
/// </summary>
public sealed partial class StaffMfaFlowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_therapist_sets_up_the_authenticator_app_and_signs_in_with_it_on_a_phone()
    {
        var browser = fixture.RequireBrowser();
        await using var kap = new KapWebFactory(new Dictionary<string, string> { ["Security:RequireStaffMfa"] = "true" });
        var baseUrl = kap.StartKestrel();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Phone });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(kap.Clock.GetUtcNow().UtcDateTime);

        await page.SignInAsync(baseUrl, DemoData.TherapistMorgan.Email, DemoData.Password);

        await page.WaitForURLAsync(new Regex("/account/two-factor"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-in security" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code that adds Kap to your authenticator app" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("mfa-required")).ToContainTextAsync("authenticator app");
        await page.AssertAccessibleAsync("the authenticator set-up");
        await page.ScreenshotAsync("40-mfa-setup-phone");

        var key = (await page.GetByTestId("authenticator-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.GetByLabel("Code from the app").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Enter the 6-digit code your authenticator app shows now.")).ToBeVisibleAsync();

        await page.GetByLabel("Code from the app").FillAsync(Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await page.AssertAccessibleAsync("the recovery codes");
        await page.ScreenshotAsync("41-mfa-recovery-codes-phone");

        await page.GetByTestId("continue").ClickAsync();
        await page.WaitForURLAsync(new Regex("/caseload$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Caseload" })).ToBeVisibleAsync();

        // Signing in again: the password, then the code the app shows next.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/account/login"));
        kap.Clock.Advance(TimeSpan.FromSeconds(30));
        await page.SignInAsync(baseUrl, DemoData.TherapistMorgan.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/account/login-2fa"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Confirm it's you" })).ToBeVisibleAsync();
        await page.AssertAccessibleAsync("the code step of sign-in");
        await page.ScreenshotAsync("42-mfa-code-phone");
        await page.GetByLabel("Authentication code").FillAsync(Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/caseload$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Caseload" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_admin_sees_who_has_the_app_on_at_every_size()
    {
        var browser = fixture.RequireBrowser();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewports.Desktop });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.SignInAsync(fixture.BaseUrl, DemoData.Admin.Email, DemoData.Password);
        await page.WaitForURLAsync(new Regex("/caseload$"));

        await page.GotoAsync(new Uri(fixture.BaseUrl, "admin/staff").ToString());

        var rows = page.GetByTestId("staff-account");
        await Assertions.Expect(rows.Filter(new() { HasText = "Dr Morgan Reyes" })).ToContainTextAsync("Therapist");
        foreach (var (name, size) in Viewports.All)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            await Assertions.Expect(rows.First).ToBeVisibleAsync();
            await page.AssertAccessibleAsync($"staff sign-in at {name} size");
            await page.ScreenshotAsync($"43-staff-sign-in-{name}");
        }
    }
}
