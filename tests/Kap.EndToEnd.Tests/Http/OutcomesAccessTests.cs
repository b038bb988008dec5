using System.Net;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>Who reaches the course summary and the clinic outcomes report, enforced by the server over real HTTP requests.</summary>
public sealed class OutcomesAccessTests(KapWebFactoryFixture fixture) : IClassFixture<KapWebFactoryFixture>
{
    private HttpClient NewClient() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private Guid CourseOf(string legalName)
    {
        using var scope = fixture.Factory.Services.CreateScope();
        using var db = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Kap.Infrastructure.Persistence.KapDbContext>>().CreateDbContext();
        var patient = db.Patients.Single(p => p.LegalName == legalName);
        return db.Courses.Single(c => c.PatientId == patient.Id).Id;
    }

    private static async Task AssertDeniedAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_patient_reaches_neither_their_course_summary_nor_the_report()
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.PatientRiley.Email, DemoData.Password);

        await AssertDeniedAsync(client, $"/courses/{CourseOf("Riley Chen")}/summary");
        await AssertDeniedAsync(client, "/reports/outcomes");
    }

    [Fact]
    public async Task A_nurse_practitioner_reads_their_courses_summary_but_not_the_clinic_report()
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.NpJordan.Email, DemoData.Password);

        var summary = await client.GetStringAsync($"/courses/{CourseOf("Marcus Bell")}/summary");

        Assert.Contains("Course summary · Marcus Bell", summary, StringComparison.Ordinal);
        await AssertDeniedAsync(client, "/reports/outcomes");
    }

    [Fact]
    public async Task Another_therapists_course_summary_is_not_found_and_names_no_one()
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.TherapistMorgan.Email, DemoData.Password);

        var summary = await client.GetStringAsync($"/courses/{CourseOf("Marcus Bell")}/summary");
        var report = await client.GetAsync("/reports/outcomes");

        Assert.Contains("was not found, or you do not have access to it", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Marcus", summary, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
    }
}
