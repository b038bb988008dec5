using System.Net;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>Page access enforced by the server, over real HTTP requests.</summary>
public sealed class AccessTests(KapWebFactoryFixture fixture) : IClassFixture<KapWebFactoryFixture>
{
    private static string? Path(HttpResponseMessage response) =>
        response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.AbsolutePath : l.OriginalString) : null;

    private HttpClient NewClient() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Theory]
    [InlineData("/caseload")]
    [InlineData("/patients/new")]
    [InlineData("/portal")]
    [InlineData("/")]
    public async Task An_anonymous_visitor_is_sent_to_sign_in(string path)
    {
        var response = await NewClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_is_served_to_anyone()
    {
        var response = await NewClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sign in", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/caseload")]
    [InlineData("/patients/new")]
    public async Task A_patient_is_refused_staff_pages(string path)
    {
        var client = NewClient();
        var login = await SignIn.PostLoginAsync(client, DemoData.PatientRiley.Email, DemoData.Password);
        Assert.Equal("/portal", Path(login));

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patient_reaches_their_own_area()
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.PatientRiley.Email, DemoData.Password);

        var response = await client.GetAsync("/portal");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Welcome, Riley Chen", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_nurse_practitioner_may_not_open_the_register_patient_page()
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.NpJordan.Email, DemoData.Password);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/caseload")).StatusCode);
        var response = await client.GetAsync("/patients/new");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_therapist_signs_in_and_sees_their_caseload_only()
    {
        var client = NewClient();
        var login = await SignIn.PostLoginAsync(client, DemoData.TherapistMorgan.Email, DemoData.Password);
        Assert.Equal("/caseload", Path(login));

        var html = await client.GetStringAsync("/caseload");

        Assert.Contains("Riley Chen", html);      // Morgan's patient
        Assert.DoesNotContain("Marcus Bell", html); // Sam's patient
    }

    [Fact]
    public async Task Another_therapists_patient_is_not_reachable_by_url()
    {
        Guid samsCourse, samsPatient;
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Kap.Infrastructure.Persistence.KapDbContext>>().CreateDbContext();
            var marcus = db.Patients.Single(p => p.LegalName == "Marcus Bell");
            samsPatient = marcus.Id;
            samsCourse = db.Courses.Single(c => c.PatientId == marcus.Id).Id;
        }

        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.TherapistMorgan.Email, DemoData.Password);

        var coursePage = await client.GetStringAsync($"/courses/{samsCourse}");
        var patientPage = await client.GetStringAsync($"/patients/{samsPatient}");

        Assert.Contains("was not found, or you do not have access to it", coursePage);
        Assert.DoesNotContain("Marcus", coursePage);
        Assert.Contains("was not found, or you do not have access to it", patientPage);
        Assert.DoesNotContain("Marcus", patientPage);
    }

    [Fact]
    public async Task A_wrong_password_says_so_without_saying_which_part_was_wrong()
    {
        var response = await SignIn.PostLoginAsync(NewClient(), DemoData.TherapistSam.Email, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The email or password is not right.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var client = NewClient();
        for (var i = 0; i < 5; i++)
        {
            await SignIn.PostLoginAsync(client, DemoData.NpTaylor.Email, "wrong password " + i);
        }

        var response = await SignIn.PostLoginAsync(client, DemoData.NpTaylor.Email, DemoData.Password);

        Assert.Contains("locked", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/caseload")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_not_found_page_not_an_error()
    {
        var response = await NewClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_jobs_dashboard_refuses_anyone_but_an_admin()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await NewClient().GetAsync("/jobs")).StatusCode);

        var np = NewClient();
        await SignIn.PostLoginAsync(np, DemoData.NpJordan.Email, DemoData.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await np.GetAsync("/jobs")).StatusCode);

        var admin = NewClient();
        await SignIn.PostLoginAsync(admin, DemoData.Admin.Email, DemoData.Password);
        var dashboard = await admin.GetAsync("/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("reminders-dispatch", await dashboard.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token()
    {
        var response = await NewClient().PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class KapWebFactoryFixture : IDisposable
{
    public KapWebFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
