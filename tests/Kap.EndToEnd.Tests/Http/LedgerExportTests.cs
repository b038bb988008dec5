using System.Net;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>The ledger page and its CSV export over real HTTP, on the demo clinic (whose two lots were received a month ago).</summary>
public sealed class LedgerExportTests(KapWebFactoryFixture fixture) : IClassFixture<KapWebFactoryFixture>
{
    private HttpClient NewClient() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static string Range()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return $"from={today.AddDays(-60):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
    }

    [Fact]
    public async Task A_nurse_practitioner_downloads_the_ledger_as_csv_not_cached()
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.NpJordan.Email, DemoData.Password);

        var response = await client.GetAsync("/ledger/export.csv?" + Range());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.StartsWith("controlled-substance-ledger_", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'),
            StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Entry id,Date/time (clinic),Clinic time zone,Date/time (UTC),Kind,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(DemoData.DemoRacemicLot, StringComparison.Ordinal) && l.Contains(",Receipt,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(DemoData.DemoEsketamineLot, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_export_is_refused_to_therapists_patients_and_anonymous_visitors()
    {
        var anonymous = await NewClient().GetAsync("/ledger/export.csv?" + Range());
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        foreach (var email in new[] { DemoData.TherapistMorgan.Email, DemoData.PatientRiley.Email })
        {
            var client = NewClient();
            await SignIn.PostLoginAsync(client, email, DemoData.Password);

            var response = await client.GetAsync("/ledger/export.csv?" + Range());

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            Assert.DoesNotContain("Receipt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bad_dates_are_a_bad_request()
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.Admin.Email, DemoData.Password);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/ledger/export.csv?from=24/11/2026&to=2026-11-30")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/ledger/export.csv?from=2026-11-30&to=2026-11-01")).StatusCode);
    }

    [Fact]
    public async Task The_ledger_page_shows_the_demo_stock_to_a_nurse_practitioner_and_refuses_a_therapist()
    {
        var np = NewClient();
        await SignIn.PostLoginAsync(np, DemoData.NpTaylor.Email, DemoData.Password);
        var html = await np.GetStringAsync("/ledger");
        Assert.Contains("Controlled substances", html, StringComparison.Ordinal);
        Assert.Contains(DemoData.DemoRacemicLot, html, StringComparison.Ordinal);
        Assert.Contains("5,000 mg (100 mL)", html, StringComparison.Ordinal);

        var therapist = NewClient();
        await SignIn.PostLoginAsync(therapist, DemoData.TherapistSam.Email, DemoData.Password);
        var refused = await therapist.GetAsync("/ledger");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/access-denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
