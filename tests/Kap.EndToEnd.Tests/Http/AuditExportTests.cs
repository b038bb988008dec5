using System.Net;
using Kap.EndToEnd.Tests.Infrastructure;
using Kap.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kap.EndToEnd.Tests.Http;

/// <summary>The audit trail's CSV export over real HTTP, on the demo clinic.</summary>
public sealed class AuditExportTests(KapWebFactoryFixture fixture) : IClassFixture<KapWebFactoryFixture>
{
    private HttpClient NewClient() => fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task An_admin_downloads_the_filtered_entries_as_csv_not_cached()
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.Admin.Email, DemoData.Password);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // Something to find: the ledger export is an audited read.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/ledger/export.csv?from={today.AddDays(-7):yyyy-MM-dd}&to={today:yyyy-MM-dd}")).StatusCode);

        var response = await client.GetAsync($"/admin/audit/export.csv?action=ExportLedger*&success=true&from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("audit-trail_", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'),
            StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Entry id,Sequence,Date/time (clinic),", lines[0], StringComparison.Ordinal);
        Assert.NotEmpty(lines.Skip(1));
        Assert.All(lines.Skip(1), l => Assert.Contains(",ExportLedgerCsv,", l, StringComparison.Ordinal));
        Assert.All(lines.Skip(1), l => Assert.Contains(DemoData.Admin.Email, l, StringComparison.Ordinal));

        // The export itself is in the trail.
        var exports = await client.GetStringAsync("/admin/audit/export.csv?action=ExportAuditCsv");
        Assert.Contains(",ExportAuditCsv,", exports, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_export_and_the_page_are_refused_to_everyone_but_admins()
    {
        var anonymous = await NewClient().GetAsync(AuditPath);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        foreach (var email in new[] { DemoData.TherapistMorgan.Email, DemoData.NpJordan.Email, DemoData.PatientRiley.Email })
        {
            var client = NewClient();
            await SignIn.PostLoginAsync(client, email, DemoData.Password);

            var response = await client.GetAsync(AuditPath);

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            Assert.DoesNotContain("Entry id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var pageResponse = await client.GetAsync("/admin/audit");
            Assert.Equal(HttpStatusCode.Redirect, pageResponse.StatusCode);
            Assert.StartsWith("/account/access-denied", pageResponse.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Malformed_filters_are_a_bad_request()
    {
        var client = NewClient();
        await SignIn.PostLoginAsync(client, DemoData.Admin.Email, DemoData.Password);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(AuditPath + "?from=24/11/2026")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(AuditPath + "?patientId=not-a-guid")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(AuditPath + "?from=2026-11-30&to=2026-11-01")).StatusCode);
    }

    private const string AuditPath = "/admin/audit/export.csv";
}
