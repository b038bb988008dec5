using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Courses.GetCourseSummary;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Measures;
using Kap.Domain.Preparation;
using Kap.Domain.Scheduling;
using Kap.Web.Components.Pages.Courses;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Pages.Courses;

public sealed class CourseSummaryPageTests : KapComponentTest
{
    private static readonly Guid CourseId = Guid.NewGuid();
    private static readonly Guid Session1 = Guid.NewGuid();

    // 6 Oct 2026 14:00Z is 10:00 in New York; dates show in the clinic's zone.
    private static readonly DateTime Dose1 = new(2026, 10, 6, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Dose2 = new(2026, 10, 9, 15, 0, 0, DateTimeKind.Utc);

    private static CourseSummaryDto Summary(CoursePhase phase = CoursePhase.Completed, DateTime? closed = null, string? discontinuedReason = null) => new(
        CourseId, "Marcus Bell", "Dr Morgan Reyes", "Jordan Lee, PMHNP", Indication.Depression | Indication.Anxiety, phase, null,
        new DateTime(2026, 9, 1, 15, 0, 0, DateTimeKind.Utc), phase is CoursePhase.Completed or CoursePhase.Discontinued ? closed ?? new DateTime(2026, 11, 2, 3, 30, 0, DateTimeKind.Utc) : null,
        discontinuedReason,
        [
            new SessionCountDto(AppointmentKind.Preparation, 2, 1, 0, 0),
            new SessionCountDto(AppointmentKind.Dosing, 2, 0, 0, 0),
            new SessionCountDto(AppointmentKind.Integration, 3, 0, 1, 1),
        ],
        [
            new DoseGivenDto(1, Session1, Dose1, Route.IntravenousInfusion, "IV infusion", "Ketamine (racemic)", 41.00m, 0.500m, 1),
            new DoseGivenDto(2, Guid.NewGuid(), Dose2, Route.EsketamineNasal, "Esketamine nasal", "Esketamine", 84m, null, 2),
        ],
        [new RouteCountDto(Route.IntravenousInfusion, "IV infusion", 1), new RouteCountDto(Route.EsketamineNasal, "Esketamine nasal", 1)],
        [new SessionWithoutDoseDto(Guid.NewGuid(), new DateTime(2026, 10, 13, 15, 0, 0, DateTimeKind.Utc), "Patient felt unwell")],
        [new SummaryAdverseEventDto(Session1, Dose1.AddMinutes(20), AdverseEventSeverity.Moderate, "Nausea / vomiting", "Action: Ondansetron 4 mg given. Outcome: Settled.")],
        [
            new InstrumentOutcomeDto(Instrument.Phq9, "PHQ-9", 12, new DateTime(2026, 10, 1, 15, 0, 0, DateTimeKind.Utc), 6, new DateTime(2026, 10, 30, 15, 0, 0, DateTimeKind.Utc), -6,
                TreatmentOutcome.Response(12, 6), TreatmentOutcome.Remission(Instrument.Phq9, 6), true, true, null),
            new InstrumentOutcomeDto(Instrument.Madrs, "MADRS", null, null, 14, new DateTime(2026, 10, 30, 15, 0, 0, DateTimeKind.Utc), null,
                TreatmentOutcome.Response(null, 14), new OutcomeAssessment(OutcomeStatus.NotApplicable, "Not computable: no baseline (no valid MADRS on or before the first dose)."),
                true, false, "Not computable: no baseline (no valid MADRS on or before the first dose)."),
        ],
        ["GAD-7", "PCL-5"], 12, Now.UtcDateTime);

    private void Returns(CourseSummaryDto dto) =>
        Sender.On<GetCourseSummaryQuery, Result<CourseSummaryDto>>(_ => Result<CourseSummaryDto>.Success(dto));

    private IRenderedComponent<CourseSummary> RenderSummary() => RenderPage<CourseSummary>(p => p.Add(x => x.CourseId, CourseId));

    [Fact]
    public void A_completed_course_shows_its_people_dates_sessions_doses_events_and_outcomes()
    {
        Returns(Summary());

        var page = RenderSummary();

        page.WaitForAssertion(() => page.Find("[data-testid=course-summary]"));
        Assert.Equal(new GetCourseSummaryQuery(CourseId), Assert.Single(Sender.SentOf<GetCourseSummaryQuery>()));
        Assert.Equal("Course summary · Marcus Bell", page.Find("h1").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=not-completed]"));
        var course = page.Find("[data-testid=summary-course]").TextContent;
        Assert.Contains("Dr Morgan Reyes", course, StringComparison.Ordinal);
        Assert.Contains("Jordan Lee, PMHNP", course, StringComparison.Ordinal);
        Assert.Contains("Depression, Anxiety", course, StringComparison.Ordinal);
        Assert.Contains("1 Sep 2026", course, StringComparison.Ordinal);
        // 2 Nov 03:30Z is still 1 Nov in New York.
        Assert.Equal("1 Nov 2026", page.Find("[data-testid=summary-completed]").TextContent.Trim());

        var integration = page.Find("[data-testid=summary-sessions] tr[data-kind=Integration]");
        Assert.Equal(["Integration", "3", "0", "1", "1"], integration.Children.Select(c => c.TextContent.Trim()));

        Assert.Equal("2 doses given: IV infusion 1, Esketamine nasal 1.", page.Find("[data-testid=summary-dose-count]").TextContent.Trim());
        var doses = page.FindAll("[data-testid=summary-doses] tbody tr");
        Assert.Equal(["1", "6 Oct 2026", "IV infusion", "Ketamine (racemic)", "41", "0.5"], doses[0].Children.Select(c => c.TextContent.Trim()));
        Assert.Equal(["2", "9 Oct 2026", "Esketamine nasal", "Esketamine", "84 (2 administrations)", "no weight recorded"], doses[1].Children.Select(c => c.TextContent.Trim()));
        Assert.Contains("Dosing sessions ended without a dose: 1", page.Find("[data-testid=summary-without-dose]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Patient felt unwell", page.Markup, StringComparison.Ordinal);

        var ae = page.Find("[data-testid=summary-events] tbody tr");
        Assert.Contains("Moderate", ae.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nausea / vomiting", ae.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ondansetron 4 mg given", ae.TextContent, StringComparison.Ordinal);

        var phq = page.Find("[data-testid=summary-measures] tr[data-instrument=PHQ-9]");
        Assert.Equal("12 (1 Oct 2026)", phq.QuerySelector("[data-testid=baseline]")!.TextContent.Trim());
        Assert.Equal("6 (30 Oct 2026)", phq.QuerySelector("[data-testid=end]")!.TextContent.Trim());
        Assert.Equal("-6", phq.QuerySelector("[data-testid=change]")!.TextContent.Trim());
        Assert.StartsWith("Yes. Response: 12 → 6", phq.QuerySelector("[data-testid=response]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("No. No remission: PHQ-9 6", phq.QuerySelector("[data-testid=remission]")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_outcome_that_cannot_be_computed_says_so_and_is_not_hidden()
    {
        Returns(Summary());

        var page = RenderSummary();

        page.WaitForAssertion(() => page.Find("[data-testid=summary-measures]"));
        var madrs = page.Find("[data-testid=summary-measures] tr[data-instrument=MADRS]");
        Assert.Equal("—", madrs.QuerySelector("[data-testid=baseline]")!.TextContent.Trim());
        Assert.Equal("14 (30 Oct 2026)", madrs.QuerySelector("[data-testid=end]")!.TextContent.Trim());
        Assert.Equal("—", madrs.QuerySelector("[data-testid=change]")!.TextContent.Trim());
        Assert.Equal("No valid baseline score, so response cannot be judged.", madrs.QuerySelector("[data-testid=response]")!.TextContent.Trim());
        Assert.Equal("Not computable (see the note below).", madrs.QuerySelector("[data-testid=remission]")!.TextContent.Trim());
        var gap = Assert.Single(page.FindAll("[data-testid=gap]"));
        Assert.Equal("Not computable: no baseline (no valid MADRS on or before the first dose).", gap.TextContent.Trim());
        Assert.Contains("Not recorded in this course: GAD-7, PCL-5.", page.Find("[data-testid=summary-not-recorded]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_table_has_a_caption_and_column_headers_with_scope()
    {
        Returns(Summary());

        var page = RenderSummary();

        page.WaitForAssertion(() => page.Find("[data-testid=summary-measures]"));
        var tables = page.FindAll("table");
        Assert.Equal(4, tables.Count);
        Assert.Equal(
            [
                "Appointments of the course by kind and outcome",
                "Doses given, with boosters counted in each session's total",
                "Adverse events during dosing sessions",
                "Baseline and end scores, change, response and remission by instrument",
            ],
            tables.Select(t => t.QuerySelector("caption")!.TextContent.Trim()));
        Assert.All(tables.SelectMany(t => t.QuerySelectorAll("thead th")), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.All(tables.SelectMany(t => t.QuerySelectorAll("tbody th")), th => Assert.Equal("row", th.GetAttribute("scope")));
        Assert.Equal(["Instrument", "Baseline", "End", "Change", "Response", "Remission"],
            page.FindAll("[data-testid=summary-measures] thead th").Select(th => th.TextContent.Trim()));
        // Headings in order: one h1, then h2 sections.
        Assert.Single(page.FindAll("h1"));
        Assert.Equal(["Course", "Sessions", "Doses", "Adverse events", "Outcome measures"], page.FindAll("h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public void A_course_not_completed_yet_says_so_plainly_with_its_phase()
    {
        Returns(Summary(CoursePhase.Integration));

        var page = RenderSummary();

        page.WaitForAssertion(() => page.Find("[data-testid=not-completed]"));
        Assert.Contains("not completed yet: it is in Integration", page.Find("[data-testid=not-completed]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Integration (not completed)", page.Find("[data-testid=summary-phase]").TextContent.Trim());
        Assert.Empty(page.FindAll("[data-testid=summary-completed]"));
    }

    [Fact]
    public void A_discontinued_course_shows_the_date_and_reason()
    {
        Returns(Summary(CoursePhase.Discontinued, new DateTime(2026, 10, 20, 15, 0, 0, DateTimeKind.Utc), "Moved out of state"));

        var page = RenderSummary();

        page.WaitForAssertion(() => page.Find("[data-testid=summary-discontinued]"));
        Assert.Equal("20 Oct 2026: Moved out of state", page.Find("[data-testid=summary-discontinued]").TextContent.Trim());
        Assert.Contains("discontinued on 20 Oct 2026", page.Find("[data-testid=not-completed]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_calls_the_browsers_print()
    {
        Returns(Summary());
        var print = JSInterop.SetupVoid("print");

        var page = RenderSummary();
        page.WaitForAssertion(() => page.Find("[data-testid=print]"));
        page.Find("[data-testid=print]").Click();

        Assert.Single(print.Invocations);
    }

    [Fact]
    public void A_course_outside_the_users_care_shows_the_refusal()
    {
        SignInAs("Sam Okafor", KapRoles.Therapist, KapPolicies.Staff, KapPolicies.Clinician, KapPolicies.ManagesCourses);
        Sender.On<GetCourseSummaryQuery, Result<CourseSummaryDto>>(_ => Error.NotFound("The course"));

        var page = RenderSummary();

        page.WaitForAssertion(() => page.Find("[data-testid=summary-error]"));
        Assert.Contains("The course was not found", page.Find("[data-testid=summary-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=course-summary]"));
    }
}
