using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Courses.GetCaseload;
using Kap.Application.Features.Measures.GetRiskAlerts;
using Kap.Domain.Courses;
using Kap.Web.Components.Pages.Courses;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Pages.Courses;

public sealed class CaseloadTests : KapComponentTest
{
    private static readonly TimeSpan DebounceWait = TimeSpan.FromSeconds(5);

    // MudBlazor's debounced inputs inject TimeProvider, so the search waits on the fake clock: the tests advance it.
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private static readonly CaseloadRow Alice = new(
        Guid.NewGuid(), Guid.NewGuid(), "Alice Nguyen (Ali)", CoursePhase.Preparation, new DateTime(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc),
        "Terry Therapist", "Nora Practitioner", Course.NextStep(CoursePhase.Preparation));

    private static readonly CaseloadRow Ben = new(
        Guid.NewGuid(), Guid.NewGuid(), "Ben Okafor", CoursePhase.OnHold, new DateTime(2026, 11, 2, 3, 30, 0, DateTimeKind.Utc),
        "Terry Therapist", "Nora Practitioner", Course.NextStep(CoursePhase.OnHold, CoursePhase.Dosing));

    private IReadOnlyList<RiskAlertDto> _alerts = [];

    /// <summary>
    /// MudBlazor registers the debounce timer a moment after the input event on a busy machine; a timer registered after
    /// the fake clock moved would never fire. So the clock keeps moving (one debounce at a time) until the query is sent.
    /// </summary>
    private void AdvanceUntil(Func<bool> sent)
    {
        var deadline = DateTime.UtcNow + DebounceWait;
        while (!sent() && DateTime.UtcNow < deadline)
        {
            Clock.Advance(Debounce);
            Thread.Sleep(10);
        }
    }

    public CaseloadTests()
    {
        Sender.On<GetRiskAlertsQuery, Result<IReadOnlyList<RiskAlertDto>>>(_ => Result<IReadOnlyList<RiskAlertDto>>.Success(_alerts));
        Sender.On<Kap.Application.Features.Portal.GetAppointmentRequestsQuery, Result<IReadOnlyList<Kap.Application.Features.Portal.AppointmentRequestDto>>>(
            _ => Result<IReadOnlyList<Kap.Application.Features.Portal.AppointmentRequestDto>>.Success(_requests));
    }

    private IReadOnlyList<Kap.Application.Features.Portal.AppointmentRequestDto> _requests = [];

    [Fact]
    public void Patients_reschedule_requests_are_listed_and_marked_handled()
    {
        var request = new Kap.Application.Features.Portal.AppointmentRequestDto(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Riley Chen",
            Kap.Domain.Scheduling.AppointmentKind.Dosing, new DateTime(2026, 12, 1, 14, 0, 0, DateTimeKind.Utc), "Work trip that week", new DateTime(2026, 11, 24, 13, 0, 0, DateTimeKind.Utc));
        _requests = [request];
        Sender.On<Kap.Application.Features.Portal.HandleAppointmentRequestCommand, Result<Guid>>(c =>
        {
            _requests = [];
            return c.RequestId;
        });
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Caseload([Alice], totalCount: 1));

        var page = RenderPage<Caseload>();
        var row = page.Find("[data-testid=appointment-request]");
        Assert.Contains("Riley Chen", row.TextContent);
        Assert.Contains("dosing appointment on 1 Dec 2026, 09:00", row.TextContent);
        Assert.Contains("“Work trip that week”", row.TextContent);

        row.QuerySelector("[data-testid=handle-request]")!.Click();
        Assert.Equal(request.Id, Assert.Single(Sender.SentOf<Kap.Application.Features.Portal.HandleAppointmentRequestCommand>()).RequestId);
        Assert.Empty(page.FindAll("[data-testid=appointment-requests]"));
    }

    [Fact]
    public void Open_risk_alerts_head_the_caseload_with_the_patient_what_and_when_and_link_to_the_course()
    {
        var course = Guid.NewGuid();
        _alerts = [new RiskAlertDto(course, Guid.NewGuid(), "Alice Nguyen (Ali)", CoursePhase.Dosing, new DateTime(2026, 11, 24, 14, 5, 0, DateTimeKind.Utc),
            "PHQ-9 item 9 answered above 0", 2)];
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Caseload([Alice], totalCount: 1));

        var page = RenderPage<Caseload>();

        var alert = page.Find("[data-testid=risk-alert]");
        Assert.Equal($"courses/{course}#measures", alert.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Alice Nguyen (Ali)", alert.TextContent);
        Assert.Contains("PHQ-9 item 9 answered above 0, 24 Nov 2026, 09:05 (2 alerts since the last assessment)", alert.TextContent);
        Assert.Contains("Risk alerts: a risk assessment is needed", page.Find("[data-testid=risk-alerts] h2").TextContent);
    }

    [Fact]
    public void A_script_in_a_patients_name_is_shown_as_text_never_run()
    {
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Caseload([Alice with { PatientName = hostile }], totalCount: 1));

        var page = RenderPage<Caseload>();

        Assert.Empty(page.FindAll("script"));
        Assert.Empty(page.FindAll("img[onerror]"));
        Assert.Equal(hostile, page.Find("td[data-label=Patient] a").TextContent.Trim());
        Assert.Contains("&lt;script&gt;", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_open_risk_alerts_there_is_no_risk_panel()
    {
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Caseload([Alice], totalCount: 1));
        var page = RenderPage<Caseload>();
        Assert.Single(Sender.SentOf<GetRiskAlertsQuery>());
        Assert.Empty(page.FindAll("[data-testid=risk-alerts]"));
    }

    [Fact]
    public void Shows_the_courses_returned_with_a_link_phase_next_step_and_the_total()
    {
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Caseload([Alice, Ben], totalCount: 2));

        var page = RenderPage<Caseload>();

        var query = Assert.Single(Sender.SentOf<GetCaseloadQuery>());
        Assert.Equal(new GetCaseloadQuery(null, 1, 20, false), query);

        var rows = page.FindAll("[data-testid=caseload-table] tbody tr");
        Assert.Equal(2, rows.Count);

        var alice = rows[0];
        var link = alice.QuerySelector("td[data-label=Patient] a")!;
        Assert.Equal($"courses/{Alice.CourseId}", link.GetAttribute("href"));
        Assert.Equal("Alice Nguyen (Ali)", link.TextContent.Trim());
        Assert.Equal("Preparation", Cell(alice, "Phase"));
        Assert.Equal("Complete clearance, consent, baseline measures and preparation sessions", Cell(alice, "Next step"));
        Assert.Equal("Terry Therapist", Cell(alice, "Therapist"));
        Assert.Equal("Nora Practitioner", Cell(alice, "Prescriber"));
        Assert.Equal("20 Nov 2026", Cell(alice, "In phase since"));

        var ben = rows[1];
        Assert.Equal($"courses/{Ben.CourseId}", ben.QuerySelector("td[data-label=Patient] a")!.GetAttribute("href"));
        Assert.Equal("On hold", Cell(ben, "Phase"));
        Assert.Equal("Resume to Dosing or discontinue", Cell(ben, "Next step"));

        // 03:30 UTC on 2 November is still 1 November in New York: dates are shown in the clinic's zone.
        Assert.Equal("1 Nov 2026", Cell(ben, "In phase since"));

        Assert.Equal("2 courses", page.Find("[role=status]").TextContent.Trim());
        Assert.DoesNotContain("No courses on your caseload yet.", page.Markup);
    }

    [Fact]
    public void The_total_counts_every_page_and_uses_the_singular_for_one()
    {
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Caseload([Alice], totalCount: 1));

        var page = RenderPage<Caseload>();

        Assert.Equal("1 course", page.Find("[role=status]").TextContent.Trim());
    }

    [Fact]
    public void Typing_a_search_sends_a_new_query_with_it_and_shows_the_matching_courses()
    {
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(q => q.Search is "ben"
            ? Caseload([Ben], totalCount: 1)
            : Caseload([Alice, Ben], totalCount: 2));
        var page = RenderPage<Caseload>();
        Assert.Equal(2, page.FindAll("[data-testid=caseload-table] tbody tr").Count);

        page.Find("#caseload-search").Input("ben");
        Clock.Advance(Debounce - TimeSpan.FromMilliseconds(1));
        Assert.Single(Sender.SentOf<GetCaseloadQuery>());
        Clock.Advance(TimeSpan.FromMilliseconds(1));
        AdvanceUntil(() => Sender.SentOf<GetCaseloadQuery>().Count >= 2);

        page.WaitForAssertion(() =>
        {
            var queries = Sender.SentOf<GetCaseloadQuery>();
            Assert.Equal(2, queries.Count);
            Assert.Equal(new GetCaseloadQuery("ben", 1, 20, false), queries[1]);
        }, DebounceWait);
        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("[data-testid=caseload-table] tbody tr"));
            Assert.Contains("Ben Okafor", row.TextContent);
            Assert.Equal("1 course", page.Find("[role=status]").TextContent.Trim());
        }, DebounceWait);
    }

    [Fact]
    public void Typing_within_the_debounce_interval_sends_one_query_for_the_final_text()
    {
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Caseload([Ben], totalCount: 1));
        var page = RenderPage<Caseload>();
        var search = page.Find("#caseload-search");

        search.Input("b");
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        search.Input("be");
        Clock.Advance(TimeSpan.FromMilliseconds(100));
        search.Input("ben");
        AdvanceUntil(() => Sender.SentOf<GetCaseloadQuery>().Count >= 2);
        page.WaitForAssertion(() => Assert.Equal("null,ben", string.Join(",", Sender.SentOf<GetCaseloadQuery>().Select(q => q.Search ?? "null"))), DebounceWait);
    }

    [Fact]
    public void A_search_that_matches_nobody_says_so()
    {
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(q => q.Search is null ? Caseload([Alice], totalCount: 1) : Caseload([], totalCount: 0));
        var page = RenderPage<Caseload>();

        page.Find("#caseload-search").Input("zed");
        AdvanceUntil(() => Sender.SentOf<GetCaseloadQuery>().Count >= 2);
        page.WaitForAssertion(() => Assert.Contains("No patient matches that name.", page.Markup), DebounceWait);
        Assert.DoesNotContain("No courses on your caseload yet.", page.Markup);
        Assert.Equal("zed", Sender.SentOf<GetCaseloadQuery>()[^1].Search);
    }

    [Fact]
    public void Patients_waiting_for_a_course_are_listed_with_a_link_to_open_one()
    {
        var waiting = new AwaitingCourseRow(Guid.NewGuid(), "Cara Diaz", new DateTime(2026, 11, 23, 18, 0, 0, DateTimeKind.Utc));
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Caseload([Alice], totalCount: 1, awaiting: [waiting]));

        var page = RenderPage<Caseload>();

        Assert.Contains("Registered, waiting for a course", page.Markup);
        var item = Assert.Single(page.FindAll(".mud-list-item"));
        Assert.Equal($"patients/{waiting.PatientId}", item.QuerySelector("a.mud-link")!.GetAttribute("href"));
        Assert.Contains("Cara Diaz", item.TextContent);
        Assert.Contains("registered 23 Nov 2026", item.TextContent);

        var open = page.FindAll("a").Single(a => a.TextContent.Trim() == "Open a course");
        Assert.Equal($"courses/new?patientId={waiting.PatientId}", open.GetAttribute("href"));
    }

    [Fact]
    public void No_waiting_list_when_every_patient_has_a_course()
    {
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Caseload([Alice], totalCount: 1, awaiting: []));

        var page = RenderPage<Caseload>();

        Assert.DoesNotContain("Registered, waiting for a course", page.Markup);
        Assert.DoesNotContain("Open a course", page.Markup);
        Assert.Empty(page.FindAll("a[href^='courses/new']"));
    }

    [Fact]
    public void An_empty_caseload_says_there_are_no_courses_yet()
    {
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Caseload([], totalCount: 0));

        var page = RenderPage<Caseload>();

        Assert.Contains("No courses on your caseload yet.", page.Find("[data-testid=caseload-table]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=caseload-table] td[data-label=Patient]"));
        Assert.Equal("0 courses", page.Find("[role=status]").TextContent.Trim());
    }

    [Fact]
    public void Register_patient_is_offered_only_to_those_who_manage_courses()
    {
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Caseload([], totalCount: 0));

        var therapistView = RenderPage<Caseload>();
        Assert.Single(therapistView.FindAll("a[href='patients/new']"));

        SignInAs("Nora Practitioner", KapRoles.NursePractitioner, KapPolicies.Staff, KapPolicies.Clinician);
        var practitionerView = Render<Caseload>();
        Assert.Empty(practitionerView.FindAll("a[href='patients/new']"));
    }

    [Fact]
    public void A_failed_query_shows_its_message()
    {
        Sender.On<GetCaseloadQuery, Result<CaseloadDto>>(_ => Error.Forbidden());

        var page = RenderPage<Caseload>();

        Assert.Contains("You do not have permission to do this.", page.Find(".mud-alert").TextContent);
    }

    private static string Cell(AngleSharp.Dom.IElement row, string label) =>
        row.QuerySelector($"td[data-label='{label}']")!.TextContent.Trim();

    private static CaseloadDto Caseload(IReadOnlyList<CaseloadRow> rows, int totalCount, IReadOnlyList<AwaitingCourseRow>? awaiting = null) =>
        new(new PagedList<CaseloadRow>(rows, 1, 20, totalCount), awaiting ?? []);
}
