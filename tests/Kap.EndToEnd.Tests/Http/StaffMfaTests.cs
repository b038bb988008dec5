using System.Net;
using System.Text.RegularExpressions;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>Kap as a clinic runs it: staff must confirm their sign-in with an authenticator app (issue 8).</summary>
public sealed class MfaRequiredFixture : IDisposable
{
    public KapWebFactory Factory { get; } = new(new Dictionary<string, string>
    {
        ["Security:RequireStaffMfa"] = "true",
        // These tests move the clock by hours; idle sign-out has tests of its own.
        ["Security:StaffIdleMinutes"] = "120",
        ["Portal:PatientIdleMinutes"] = "240",
    });

    public void Dispose() => Factory.Dispose();
}

/// <summary>
/// Staff multi-factor sign-in over HTTP, through the real pages and cookies: a password alone leads to the set-up and
/// to no record; the app's code (computed here by Otp.NET, not by Kap) completes the sign-in; a recovery code works
/// once; the second factor survives the minute-by-minute security-stamp check; patients are not asked.
/// </summary>
internal static class LocationExtensions
{
    /// <summary>The path and query of a redirect, whether the server wrote it relative or absolute.</summary>
    public static string PathAndQuery(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}

public sealed partial class StaffMfaTests(MfaRequiredFixture fixture) : IClassFixture<MfaRequiredFixture>
{
    private HttpClient NewClient() =>
        fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private string CodeNow(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(fixture.Factory.Clock.GetUtcNow().UtcDateTime);

    /// <summary>Signs in with the password and turns the app on; returns the key and the recovery codes shown.</summary>
    private async Task<(HttpClient Client, string Key, List<string> RecoveryCodes)> EnrolAsync(string email)
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, email, DemoData.Password);
        var setup = await client.GetStringAsync("/account/two-factor");
        var key = KeyShown().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.Matches("^[A-Z2-7]{32}$", key);
        Assert.Contains("src=\"data:image/png;base64,", setup);
        Assert.Contains("data-testid=\"mfa-required\"", setup);

        var enabled = await SignIn.PostFormAsync(client, "/account/two-factor", "enable-authenticator", new() { ["Input.Code"] = CodeNow(key) });
        var html = await enabled.Content.ReadAsStringAsync();
        var codes = RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        return (client, key, codes);
    }

    [Fact]
    public async Task A_staff_password_alone_leads_to_the_set_up_and_to_no_patient_record()
    {
        var client = NewClient();
        var login = await SignIn.PostLoginAsync(client, DemoData.TherapistSam.Email, DemoData.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        foreach (var page in new[] { "/caseload", "/calendar", "/reports/outcomes" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/account/two-factor?returnUrl={Uri.EscapeDataString(page)}", response.Headers.Location!.PathAndQuery());
        }

        var admin = NewClient();
        await SignIn.PostLoginAsync(admin, DemoData.Admin.Email, DemoData.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.GetAsync("/admin/audit/export.csv")).StatusCode);
    }

    [Fact]
    public async Task The_app_s_code_completes_the_sign_in_and_a_recovery_code_works_once()
    {
        var (first, key, codes) = await EnrolAsync(DemoData.NpJordan.Email);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/caseload")).StatusCode);

        // A later sign-in: the password, then the code. The code used to enrol is spent, so wait for the next one.
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = NewClient();
        var password = await SignIn.PostLoginAsync(second, DemoData.NpJordan.Email, DemoData.Password);
        Assert.StartsWith("/account/login-2fa", password.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/caseload")).StatusCode);
        var wrong = await SignIn.PostFormAsync(second, "/account/login-2fa", "login-2fa", new() { ["Input.Code"] = "000000" == CodeNow(key) ? "111111" : "000000" });
        Assert.Contains("That code is not right", await wrong.Content.ReadAsStringAsync());
        var confirmed = await SignIn.PostFormAsync(second, "/account/login-2fa", "login-2fa", new() { ["Input.Code"] = CodeNow(key) });
        Assert.Equal("/caseload", confirmed.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/caseload")).StatusCode);

        // The stamp is re-checked each minute and the principal rebuilt: the second factor stays with it.
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/caseload")).StatusCode);

        var third = NewClient();
        await SignIn.PostLoginAsync(third, DemoData.NpJordan.Email, DemoData.Password);
        var recovered = await SignIn.PostFormAsync(third, "/account/login-2fa?recovery=true", "login-2fa", new() { ["Input.Code"] = codes[3].ToLowerInvariant() });
        Assert.Equal("/caseload", recovered.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.OK, (await third.GetAsync("/caseload")).StatusCode);

        var fourth = NewClient();
        await SignIn.PostLoginAsync(fourth, DemoData.NpJordan.Email, DemoData.Password);
        var reused = await SignIn.PostFormAsync(fourth, "/account/login-2fa?recovery=true", "login-2fa", new() { ["Input.Code"] = codes[3] });
        Assert.Contains("used already", await reused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await fourth.GetAsync("/caseload")).StatusCode);
    }

    [Fact]
    public async Task The_code_page_without_a_password_first_goes_back_to_sign_in()
    {
        var response = await NewClient().GetAsync("/account/login-2fa");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery());
    }

    [Fact]
    public async Task Patients_are_not_asked_for_a_second_factor()
    {
        var client = NewClient();
        var login = await SignIn.PostLoginAsync(client, DemoData.PatientMarcus.Email, DemoData.Password);

        Assert.Equal("/portal", login.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/portal")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_ends_12_hours_after_it_began_however_active()
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.PatientRiley.Email, DemoData.Password);
        // Every request more than a minute after the last re-checks the security stamp and renews the cookie; renewals
        // must not stretch the sign-in past 12 hours.
        var elapsed = TimeSpan.Zero;
        foreach (var step in new[] { 90, 90, 90, 90, 90, 90, 90, 60, 29 }.Select(m => TimeSpan.FromMinutes(m)))
        {
            fixture.Factory.Clock.Advance(step);
            elapsed += step;
            var during = await client.GetAsync("/portal");
            Assert.True(during.StatusCode == HttpStatusCode.OK, $"after {elapsed}: {during.StatusCode} {during.Headers.Location}");
        }

        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(2)); // 12 h 01 min
        var response = await client.GetAsync("/portal");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public void Outside_Development_Kap_refuses_to_start_with_staff_MFA_relaxed()
    {
        using var factory = new KapWebFactory(new Dictionary<string, string> { ["Security:RequireStaffMfa"] = "false", ["HTTPS_PORT"] = "443" }, environment: "Production");

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Security:RequireStaffMfa can be false only in Development", error.ToString());
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([a-z2-7 ]+)<")]
    private static partial Regex KeyShown();

    [GeneratedRegex("<li><code>([A-Za-z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCode();
}
