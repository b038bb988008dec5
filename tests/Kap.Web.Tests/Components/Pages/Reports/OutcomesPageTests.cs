using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reports.GetClinicOutcomes;
using Kap.Domain.Measures;
using Kap.Domain.Preparation;
using Kap.Web.Components.Layout;
using Kap.Web.Components.Pages.Reports;
using Kap.Web.Tests.Infrastructure;

namespace Kap.Web.Tests.Components.Pages.Reports;

public sealed class OutcomesPageTests : KapComponentTest
{
    private static OutcomeRowDto Row(RouteGroupKind kind, Route? route, string group, int completed, int withPair, int responders, int? remitters, decimal? median,
        int notRecorded = 0, int noBaseline = 0, int noEnd = 0, int baselineZero = 0, int noDose = 0) =>
        new(kind, route, group, completed, withPair, responders, remitters, median, notRecorded, noBaseline, noEnd, baselineZero, noDose);

    private static ClinicOutcomesDto Report(DateOnly? from = null, DateOnly? to = null) => new(from, to, 12, 12,
    [
        new InstrumentOutcomesDto(Instrument.Phq9, "PHQ-9", true,
            [
                Row(RouteGroupKind.Route, Route.IntravenousInfusion, "IV infusion", 8, 6, 4, 2, -9.5m, noBaseline: 1, noEnd: 1),
                Row(RouteGroupKind.Mixed, null, "Mixed (more than one route)", 4, 2, 1, 0, -4m, notRecorded: 1, baselineZero: 1),
            ],
            Row(RouteGroupKind.All, null, "All routes", 12, 8, 5, 2, -8m, notRecorded: 1, noBaseline: 1, noEnd: 1, baselineZero: 1)),
        new InstrumentOutcomesDto(Instrument.Gad7, "GAD-7", false,
            [Row(RouteGroupKind.Route, Route.IntravenousInfusion, "IV infusion", 8, 7, 7, null, -6m, notRecorded: 1)],
            Row(RouteGroupKind.All, null, "All routes", 12, 7, 7, null, -6m, notRecorded: 5)),
        new InstrumentOutcomesDto(Instrument.Pcl5, "PCL-5", false, [], Row(RouteGroupKind.All, null, "All routes", 12, 0, 0, null, null, notRecorded: 12)),
        new InstrumentOutcomesDto(Instrument.Madrs, "MADRS", true, [], Row(RouteGroupKind.All, null, "All routes", 12, 12, 7, 7, -12m)),
    ]);

    public OutcomesPageTests()
    {
        SignInAs("Avery Admin", KapRoles.Admin, KapPolicies.Staff, KapPolicies.Clinician, KapPolicies.ManagesCourses, KapPolicies.Admin, KapPolicies.ViewsOutcomes);
        Sender.On<GetClinicOutcomesQuery, Result<ClinicOutcomesDto>>(q => Report(q.From, q.To));
    }

    [Fact]
    public void Every_rate_is_shown_with_the_counts_behind_it_and_the_courses_without_a_pair_are_counted()
    {
        var page = RenderPage<Outcomes>();

        page.WaitForAssertion(() => page.Find("[data-testid=outcomes-phq9]"));
        Assert.Equal(new GetClinicOutcomesQuery(null, null), Assert.Single(Sender.SentOf<GetClinicOutcomesQuery>()));
        Assert.Contains("12 courses completed (all dates)", page.Find("[data-testid=outcomes-population]").TextContent, StringComparison.Ordinal);

        var iv = page.Find("[data-testid=outcomes-phq9] tr[data-group='IV infusion']");
        Assert.Equal(["IV infusion", "8", "6", "4 of 6 (67 %)", "2 of 6 (33 %)", "-9.5"], iv.Children.Select(c => c.TextContent.Trim()));
        var all = page.Find("[data-testid=outcomes-phq9] tr[data-group='All routes']");
        Assert.Equal(["All routes", "12", "8", "5 of 8 (63 %)", "2 of 8 (25 %)", "-8"], all.Children.Select(c => c.TextContent.Trim()));
        Assert.Equal(
            "4 of 12 courses had no computable PHQ-9 baseline → end pair (1 never recorded it, 1 had no baseline, 1 had no end score, 1 had a baseline of 0); "
            + "the rates below are out of the 8 with one.",
            page.Find("[data-testid=outcomes-phq9-without-pair]").TextContent.Trim());

        Assert.Equal("12 of 12 courses had no computable PCL-5 baseline → end pair (12 never recorded it), so no rate can be given.",
            page.Find("[data-testid=outcomes-pcl5-without-pair]").TextContent.Trim());
        var pcl = page.Find("[data-testid=outcomes-pcl5] tr[data-group='All routes']");
        Assert.Equal(["All routes", "12", "0", "0 of 0 (no computable pair)", "—"], pcl.Children.Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void Only_phq9_and_madrs_have_a_remission_column_and_every_table_has_a_caption_and_scoped_headers()
    {
        var page = RenderPage<Outcomes>();

        page.WaitForAssertion(() => page.Find("[data-testid=outcomes-madrs]"));
        Assert.Equal(["Route", "Completed courses", "With a baseline → end pair", "Response", "Remission", "Median change"],
            page.FindAll("[data-testid=outcomes-phq9] thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["Route", "Completed courses", "With a baseline → end pair", "Response", "Median change"],
            page.FindAll("[data-testid=outcomes-gad7] thead th").Select(th => th.TextContent.Trim()));
        var tables = page.FindAll("table");
        Assert.Equal(
            [
                "PHQ-9 outcomes of completed courses, by route",
                "GAD-7 outcomes of completed courses, by route",
                "PCL-5 outcomes of completed courses, by route",
                "MADRS outcomes of completed courses, by route",
            ],
            tables.Select(t => t.QuerySelector("caption")!.TextContent.Trim()));
        Assert.All(tables.SelectMany(t => t.QuerySelectorAll("thead th")), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.All(tables.SelectMany(t => t.QuerySelectorAll("tbody th")), th => Assert.Equal("row", th.GetAttribute("scope")));
        Assert.Equal(["Courses completed", "PHQ-9", "GAD-7", "PCL-5", "MADRS"], page.FindAll("h2").Select(h => h.TextContent.Trim()));
        Assert.NotNull(page.Find("label[for=outcomes-from]"));
        Assert.NotNull(page.Find("label[for=outcomes-to]"));
    }

    [Fact]
    public void The_date_range_is_sent_as_clinic_days_and_all_dates_clears_it()
    {
        var page = RenderPage<Outcomes>();
        page.WaitForAssertion(() => Assert.Single(Sender.SentOf<GetClinicOutcomesQuery>()));

        page.Find("#outcomes-from").Change("2026-10-01");
        page.Find("#outcomes-to").Change("2026-10-31");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Equal(2, Sender.SentOf<GetClinicOutcomesQuery>().Count));
        Assert.Equal(new GetClinicOutcomesQuery(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31)), Sender.SentOf<GetClinicOutcomesQuery>()[1]);
        page.WaitForAssertion(() => Assert.Contains("completed from 1 Oct 2026 to 31 Oct 2026", page.Find("[data-testid=outcomes-population]").TextContent,
            StringComparison.Ordinal));

        page.Find("[data-testid=all-dates]").Click();
        page.WaitForAssertion(() => Assert.Equal(new GetClinicOutcomesQuery(null, null), Sender.SentOf<GetClinicOutcomesQuery>()[^1]));
    }

    [Fact]
    public void The_menu_offers_outcomes_to_therapists_and_admins_only()
    {
        var menu = Render<NavMenu>();
        Assert.Single(menu.FindAll("a[href='reports/outcomes']"));

        SignInAs("Terry Therapist", KapRoles.Therapist, KapPolicies.Staff, KapPolicies.Clinician, KapPolicies.ManagesCourses, KapPolicies.ViewsOutcomes);
        Assert.Single(Render<NavMenu>().FindAll("a[href='reports/outcomes']"));

        SignInAs("Jordan Lee, PMHNP", KapRoles.NursePractitioner, KapPolicies.Staff, KapPolicies.Clinician, KapPolicies.Prescriber, KapPolicies.ControlledSubstances);
        Assert.Empty(Render<NavMenu>().FindAll("a[href='reports/outcomes']"));
    }

    [Fact]
    public void A_refused_range_is_shown()
    {
        Sender.On<GetClinicOutcomesQuery, Result<ClinicOutcomesDto>>(q => q.From is null
            ? Report()
            : Error.Field(nameof(GetClinicOutcomesQuery.To), "The end date must be on or after the start date."));
        var page = RenderPage<Outcomes>();
        page.WaitForAssertion(() => page.Find("[data-testid=outcomes-phq9]"));

        page.Find("#outcomes-from").Change("2026-10-31");
        page.Find("#outcomes-to").Change("2026-10-01");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("The end date must be on or after the start date.", page.Find("[data-testid=outcomes-error]").TextContent,
            StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=outcomes-phq9]"));
    }
}
