using System.Net;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>The portal over real HTTP: patients reach only the portal, staff are kept out of it, idle patients are signed out.</summary>
public sealed class PortalAccessTests(KapWebFactoryFixture fixture) : IClassFixture<KapWebFactoryFixture>
{
    public static TheoryData<string> PortalPages => ["/portal", "/portal/course", "/portal/messages", "/portal/settings"];

    private HttpClient NewClient() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Theory]
    [MemberData(nameof(PortalPages))]
    public async Task A_patient_opens_every_portal_page_with_their_own_name_and_no_one_elses(string path)
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.PatientMarcus.Email, DemoData.Password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var other in new[] { "Riley Chen", "Elena", "Priya Raman", "Whitfield", "Novak" })
        {
            Assert.DoesNotContain(other, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_portal_home_lists_an_appointment_of_every_kind_with_its_instructions_in_the_patients_time()
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.PatientMarcus.Email, DemoData.Password);

        var html = await (await client.GetAsync("/portal")).Content.ReadAsStringAsync();

        Assert.Contains("Welcome, Marcus Bell", html, StringComparison.Ordinal);
        Assert.Contains("America/Chicago", html, StringComparison.Ordinal);
        foreach (var kind in new[] { "Dosing session", "Integration session", "Preparation session", "Consultation", "Medical check", "Follow-up" })
        {
            Assert.Contains(kind, html, StringComparison.Ordinal);
        }

        Assert.Contains("Do not take lorazepam in the 24 hours before your session", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/portal")]
    [InlineData("/portal/settings")]
    public async Task Staff_are_refused_the_portal(string path)
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.TherapistMorgan.Email, DemoData.Password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/jobs")]
    [InlineData("/ledger")]
    [InlineData("/reports/outcomes")]
    [InlineData("/calendar")]
    public async Task A_patient_is_refused_staff_pages_and_the_jobs_dashboard(string path)
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.PatientMarcus.Email, DemoData.Password);

        var response = await client.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"{path} gave {response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/account/", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }
}

/// <summary>A patient idle past Portal:PatientIdleMinutes (30) is signed out on the next request; staff after Security:StaffIdleMinutes (15).</summary>
public sealed class PortalIdleTests(KapWebFactoryFixture fixture) : IClassFixture<KapWebFactoryFixture>
{
    private HttpClient NewClient() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task A_patient_idle_for_more_than_30_minutes_must_sign_in_again()
    {
        var patient = NewClient();
        await SignIn.PostLoginAsync(patient, DemoData.PatientMarcus.Email, DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, (await patient.GetAsync("/portal")).StatusCode);

        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, (await patient.GetAsync("/portal")).StatusCode); // activity resets the idle time

        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(31));
        var response = await patient.GetAsync("/portal");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await patient.GetAsync("/portal")).StatusCode); // the cookie is gone, not only refused once
    }

    [Fact]
    public async Task Staff_idle_for_more_than_15_minutes_must_sign_in_again()
    {
        var staff = NewClient();
        await SignIn.PostLoginAsync(staff, DemoData.TherapistMorgan.Email, DemoData.Password);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/caseload")).StatusCode);

        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/caseload")).StatusCode);

        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var response = await staff.GetAsync("/caseload");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_idle_sign_out_page_ends_the_session_and_says_why()
    {
        var patient = NewClient();
        await SignIn.PostLoginAsync(patient, DemoData.PatientRiley.Email, DemoData.Password);
        var response = await patient.GetAsync("/account/idle-signout");
        Assert.Equal("/account/login?idle=true", response.Headers.Location!.OriginalString);
        var login = await (await patient.GetAsync("/account/login?idle=true")).Content.ReadAsStringAsync();
        Assert.Contains("signed out after a while without activity", login, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await patient.GetAsync("/portal")).StatusCode);
    }
}
