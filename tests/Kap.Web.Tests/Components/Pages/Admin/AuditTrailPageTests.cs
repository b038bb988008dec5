using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Audit;
using Kap.Domain.Auditing;
using Kap.Web.Components.Pages.Admin;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Pages.Admin;

public sealed class AuditTrailPageTests : KapComponentTest
{
    private static readonly Guid Jamie = Guid.Parse("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c");
    private static readonly Guid Terry = Guid.Parse("0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

    private static readonly AuditEntryDto Opened = new(41, 41, Now.UtcDateTime, Terry, "terry@kap.example", "Therapist", "OpenCourse", "Course", Guid.NewGuid(),
        Jamie, "Jamie Rivera", true, "ok");

    private static readonly AuditEntryDto Refused = new(42, 42, Now.UtcDateTime.AddMinutes(5), Terry, "terry@kap.example", "Therapist", "ChangeCoursePhase", "Course", null,
        Jamie, "Jamie Rivera", false, "refused");

    private int _total = 2;

    public AuditTrailPageTests()
    {
        SignInAs("Avery Admin", KapRoles.Admin, KapPolicies.Staff, KapPolicies.Admin);
        Sender.On<GetAuditEntriesQuery, Result<PagedList<AuditEntryDto>>>(q => new PagedList<AuditEntryDto>([Refused, Opened], q.Page, q.PageSize, _total));
    }

    [Fact]
    public void The_last_week_loads_with_clinic_times_patient_names_and_an_export_link()
    {
        var page = RenderPage<AuditTrail>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=entry-row]").Count));
        var sent = Assert.Single(Sender.SentOf<GetAuditEntriesQuery>());
        Assert.Equal(new GetAuditEntriesQuery(new AuditFilter(From: new DateOnly(2026, 11, 17), To: new DateOnly(2026, 11, 24)), 1), sent);
        var opened = page.FindAll("[data-testid=entry-row]")[1];
        Assert.Contains("24 Nov 2026, 10:00:00", opened.TextContent, StringComparison.Ordinal);
        Assert.Contains("terry@kap.example", opened.TextContent, StringComparison.Ordinal);
        Assert.Contains("OpenCourse", opened.TextContent, StringComparison.Ordinal);
        Assert.Contains("Jamie Rivera", opened.TextContent, StringComparison.Ordinal);
        Assert.Contains("refused", page.FindAll("[data-testid=entry-row]")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("/admin/audit/export.csv?from=2026-11-17&to=2026-11-24", page.Find("[data-testid=export-csv]").GetAttribute("href"));
        Assert.All(page.FindAll("th"), th => Assert.Equal("col", th.GetAttribute("scope")));
    }

    [Fact]
    public void The_filters_are_sent_and_the_export_link_follows_them()
    {
        var page = RenderPage<AuditTrail>();
        page.WaitForAssertion(() => Assert.Single(Sender.SentOf<GetAuditEntriesQuery>()));

        page.Find("#audit-patient").Change("Rivera");
        page.Find("#audit-user").Change(Terry.ToString());
        page.Find("#audit-action").Change("Change*");
        page.Find("#audit-from").Change("2026-11-01");
        page.Find("#audit-to").Change("2026-11-20");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(2, Sender.SentOf<GetAuditEntriesQuery>().Count));
        var filter = new AuditFilter(null, "Rivera", Terry, "Change*", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20), null);
        Assert.Equal(new GetAuditEntriesQuery(filter, 1), Sender.SentOf<GetAuditEntriesQuery>()[1]);
        Assert.Equal($"/admin/audit/export.csv?patient=Rivera&userId={Terry}&action=Change%2A&from=2026-11-01&to=2026-11-20",
            page.Find("[data-testid=export-csv]").GetAttribute("href"));

        // A pasted id is a patient id, not a name.
        page.Find("#audit-patient").Change(Jamie.ToString());
        page.Find("form").Submit();
        page.WaitForAssertion(() => Assert.Equal(3, Sender.SentOf<GetAuditEntriesQuery>().Count));
        Assert.Equal(Jamie, Sender.SentOf<GetAuditEntriesQuery>()[2].Filter.PatientId);
        Assert.Null(Sender.SentOf<GetAuditEntriesQuery>()[2].Filter.PatientName);
    }

    [Fact]
    public void A_user_id_that_is_not_an_id_is_explained_and_nothing_is_sent()
    {
        var page = RenderPage<AuditTrail>();
        page.WaitForAssertion(() => Assert.Single(Sender.SentOf<GetAuditEntriesQuery>()));

        page.Find("#audit-user").Change("Terry");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("not an id", page.Find("[data-testid=entries-error]").TextContent, StringComparison.Ordinal));
        Assert.Single(Sender.SentOf<GetAuditEntriesQuery>());
    }

    [Fact]
    public void Pages_move_forward()
    {
        _total = 120;
        var page = RenderPage<AuditTrail>();
        page.WaitForAssertion(() => Assert.Contains("of 120", page.Find("[data-testid=entries-count]").TextContent, StringComparison.Ordinal));

        page.Find("[data-testid=next-page]").Click();

        page.WaitForAssertion(() => Assert.Equal(2, Sender.SentOf<GetAuditEntriesQuery>()[^1].Page));
        Assert.Contains("Page 2 of 3", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_shows_an_intact_chain()
    {
        Sender.On<VerifyAuditChainQuery, Result<AuditChainReport>>(_ => new AuditChainReport(true, 1234, null, null, null, 1234, new string('a', 64)));
        var page = RenderPage<AuditTrail>();

        page.Find("[data-testid=verify-chain]").Click();

        page.WaitForAssertion(() => Assert.Equal("true", page.Find("[data-testid=verify-result]").GetAttribute("data-intact")));
        Assert.Contains("Intact: 1,234 entries", page.Find("[data-testid=verify-result]").TextContent, StringComparison.Ordinal);
        Assert.Single(Sender.SentOf<VerifyAuditChainQuery>());
    }

    [Fact]
    public void Verify_shows_the_first_broken_link()
    {
        Sender.On<VerifyAuditChainQuery, Result<AuditChainReport>>(_ => new AuditChainReport(false, 17, 42, 17, AuditLinkProblem.ContentAltered, 16, new string('b', 64)));
        var page = RenderPage<AuditTrail>();

        page.Find("[data-testid=verify-chain]").Click();

        page.WaitForAssertion(() => Assert.Equal("false", page.Find("[data-testid=verify-result]").GetAttribute("data-intact")));
        Assert.Contains("Broken at entry 42 (#17): content altered", page.Find("[data-testid=verify-result]").TextContent, StringComparison.Ordinal);
    }
}
