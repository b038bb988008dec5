using System.Net;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Persistence;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>
/// Output encoding through the real server (issue 8, hostile input): a patient whose name is markup, as a hostile
/// invitation form or an import could store it, is shown as text on every prerendered page that names them — to the
/// therapist (caseload, course page) and to the patient (portal) — and never reaches the page as markup.
/// </summary>
public sealed class HostileMarkupTests : IDisposable
{
    private const string Hostile = "<script>alert('kap')</script><img src=x onerror=alert(1)>\"><svg onload=alert(2)>";

    private readonly KapWebFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private HttpClient NewClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task A_name_made_of_markup_is_shown_as_text_on_every_page_that_names_the_patient()
    {
        _ = NewClient(); // starts the app, which seeds the demo clinic
        Guid course;
        using (var scope = _factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KapDbContext>();
            var riley = await db.Patients.SingleAsync(p => p.Email == DemoData.PatientRiley.Email);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE Patients SET LegalName = {Hostile}, PreferredName = NULL WHERE Id = {riley.Id}");
            course = await db.Courses.Where(c => c.PatientId == riley.Id).Select(c => c.Id).SingleAsync();
        }

        var therapist = NewClient();
        await SignIn.PostLoginAsync(therapist, DemoData.TherapistMorgan.Email, DemoData.Password);
        var patient = NewClient();
        await SignIn.PostLoginAsync(patient, DemoData.PatientRiley.Email, DemoData.Password);

        foreach (var (client, path) in new[] { (therapist, "/caseload"), (therapist, $"/courses/{course}"), (patient, "/portal") })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<svg onload", html, StringComparison.OrdinalIgnoreCase);
            Assert.True(html.Contains("&lt;script&gt;alert(", StringComparison.Ordinal), $"{path} shows the name, encoded");
        }
    }
}
