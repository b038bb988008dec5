using System.Globalization;
using Kap.Domain.Courses;
using Kap.Domain.Scheduling;

namespace Kap.Domain.Tests.Scheduling;

public sealed class SessionPlannerTests
{
    private static readonly DateOnly MondayFourthJanuary = new(2027, 1, 4);
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Eleven = new(11, 0);
    private static readonly TimeOnly Two = new(14, 0);

    private static SessionPlanRequest Request(CoursePlan? plan = null, int perWeek = 2, DateOnly? dosingStart = null, int integrationDaysAfter = 1) =>
        new(
            plan ?? CoursePlan.Default,
            PreparationStart: new DateOnly(2026, 12, 28),
            PreparationTime: Eleven,
            PreparationEveryDays: 7,
            DosingStart: dosingStart ?? MondayFourthJanuary,
            DosingTime: Nine,
            DosingPerWeek: perWeek,
            IntegrationDaysAfterDose: integrationDaysAfter,
            IntegrationTime: Two);

    private static DateTime At(int month, int day, TimeOnly time, int year = 2027) => new DateOnly(year, month, day).ToDateTime(time);

    private static List<DraftSession> Dosing(IEnumerable<DraftSession> sessions) => sessions.Where(s => s.Kind == AppointmentKind.Dosing).ToList();

    [Fact]
    public void The_default_plan_twice_weekly_is_laid_out_in_full()
    {
        var draft = SessionPlanner.Draft(Request());

        DraftSession[] expected =
        [
            new(AppointmentKind.Preparation, At(12, 28, Eleven, 2026), null),
            new(AppointmentKind.Dosing, At(1, 4, Nine), 1),
            new(AppointmentKind.Integration, At(1, 5, Two), 1),
            new(AppointmentKind.Dosing, At(1, 7, Nine), 2),
            new(AppointmentKind.Integration, At(1, 8, Two), 2),
            new(AppointmentKind.Dosing, At(1, 11, Nine), 3),
            new(AppointmentKind.Integration, At(1, 12, Two), 3),
            new(AppointmentKind.Dosing, At(1, 14, Nine), 4),
            new(AppointmentKind.Integration, At(1, 15, Two), 4),
            new(AppointmentKind.Dosing, At(1, 18, Nine), 5),
            new(AppointmentKind.Integration, At(1, 19, Two), 5),
            new(AppointmentKind.Dosing, At(1, 21, Nine), 6),
            new(AppointmentKind.Integration, At(1, 22, Two), 6),
            new(AppointmentKind.Integration, At(1, 29, Two), null),
        ];
        Assert.Equal(expected, draft);
    }

    [Fact]
    public void Twice_weekly_dosing_is_on_mondays_and_thursdays_of_three_weeks_numbered_one_to_six()
    {
        var dosing = Dosing(SessionPlanner.Draft(Request()));

        Assert.Equal(6, dosing.Count);
        Assert.Equal([1, 2, 3, 4, 5, 6], dosing.Select(s => s.Dose!.Value));
        Assert.Equal(
            [DayOfWeek.Monday, DayOfWeek.Thursday, DayOfWeek.Monday, DayOfWeek.Thursday, DayOfWeek.Monday, DayOfWeek.Thursday],
            dosing.Select(s => s.LocalStart.DayOfWeek));
        Assert.All(dosing, s => Assert.Equal(Nine, TimeOnly.FromDateTime(s.LocalStart)));
        Assert.Equal(new DateTime(2027, 1, 21, 9, 0, 0), dosing[^1].LocalStart);
    }

    [Fact]
    public void Each_dose_is_followed_the_next_day_by_an_integration_session_tagged_with_its_dose()
    {
        var draft = SessionPlanner.Draft(Request());

        foreach (var dose in Dosing(draft))
        {
            var integration = Assert.Single(draft, s => s.Kind == AppointmentKind.Integration && s.Dose == dose.Dose);
            Assert.Equal(dose.LocalStart.Date.AddDays(1).Add(Two.ToTimeSpan()), integration.LocalStart);
        }
    }

    [Fact]
    public void The_after_series_integration_is_a_week_after_the_last_doses_integration_and_has_no_dose()
    {
        var draft = SessionPlanner.Draft(Request());

        var lastDoseIntegration = Assert.Single(draft, s => s.Kind == AppointmentKind.Integration && s.Dose == 6);
        var afterSeries = Assert.Single(draft, s => s.Kind == AppointmentKind.Integration && s.Dose is null);

        Assert.Equal(lastDoseIntegration.LocalStart.AddDays(7), afterSeries.LocalStart);
        Assert.Equal(afterSeries, draft[^1]);
    }

    [Fact]
    public void The_draft_is_sorted_by_time()
    {
        var draft = SessionPlanner.Draft(Request(new CoursePlan(3, 6, 2, 2), perWeek: 3, integrationDaysAfter: 2));

        Assert.Equal(draft.OrderBy(s => s.LocalStart).Select(s => s.LocalStart), draft.Select(s => s.LocalStart));
    }

    [Fact]
    public void Three_a_week_is_monday_wednesday_friday_at_least_two_days_apart()
    {
        var dosing = Dosing(SessionPlanner.Draft(Request(perWeek: 3)));

        Assert.Equal(
            [At(1, 4, Nine), At(1, 6, Nine), At(1, 8, Nine), At(1, 11, Nine), At(1, 13, Nine), At(1, 15, Nine)],
            dosing.Select(s => s.LocalStart));
        Assert.All(dosing.Zip(dosing.Skip(1)), pair => Assert.True(pair.Second.LocalStart - pair.First.LocalStart >= TimeSpan.FromHours(48)));
    }

    [Fact]
    public void Three_a_week_from_a_thursday_still_keeps_doses_at_least_two_days_apart()
    {
        var dosing = Dosing(SessionPlanner.Draft(Request(perWeek: 3, dosingStart: new DateOnly(2027, 1, 7))));

        Assert.Equal(6, dosing.Count);
        Assert.All(dosing.Zip(dosing.Skip(1)), pair => Assert.True(pair.Second.LocalStart - pair.First.LocalStart >= TimeSpan.FromHours(48)));
    }

    [Fact]
    public void Three_a_week_over_the_spring_forward_weekend_is_caught_by_the_48_hour_rule_when_booked()
    {
        // From Thursday 4 March 2027: Thu 4, Sat 6, Mon 8, Thu 11, Sat 13, Mon 15 at 09:00 New York time. Saturday 13
        // 09:00 EST to Monday 15 09:00 EDT is two calendar days but only 47 elapsed hours. The planner lays out calendar
        // days (a draft the clinician adjusts); booking it refuses that one dose with the interval named (domain.md §3).
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var patient = Guid.NewGuid();
        var dosing = Dosing(SessionPlanner.Draft(Request(perWeek: 3, dosingStart: new DateOnly(2027, 3, 4))));
        var slots = dosing
            .Select(s => WallClock.ToUtc(s.LocalStart, newYork))
            .Select(start => new AppointmentSlot(Guid.NewGuid(), patient, AppointmentKind.Dosing, start, start.AddHours(2), Guid.NewGuid(), null, null))
            .ToList();

        var refused = Enumerable.Range(1, slots.Count - 1)
            .Where(i => BookingRules.Conflicts(slots[i], slots.Take(i), TimeSpan.FromHours(48), _ => "clinician", _ => "room", t => t.ToString("O", CultureInfo.InvariantCulture)).Count > 0)
            .Select(i => dosing[i].Dose)
            .ToList();
        Assert.Equal([6], refused);
    }

    [Fact]
    public void Once_a_week_is_the_same_weekday_every_week()
    {
        var dosing = Dosing(SessionPlanner.Draft(Request(perWeek: 1)));

        Assert.Equal(
            [At(1, 4, Nine), At(1, 11, Nine), At(1, 18, Nine), At(1, 25, Nine), At(2, 1, Nine), At(2, 8, Nine)],
            dosing.Select(s => s.LocalStart));
    }

    [Fact]
    public void Once_a_week_puts_the_after_series_integration_a_week_after_the_last_doses_integration()
    {
        var draft = SessionPlanner.Draft(Request(perWeek: 1));

        var afterSeries = Assert.Single(draft, s => s.Kind == AppointmentKind.Integration && s.Dose is null);

        Assert.Equal(At(2, 16, Two), afterSeries.LocalStart);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    [InlineData(7)]
    public void Dosing_per_week_outside_one_to_three_is_refused(int perWeek)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionPlanner.Draft(Request(perWeek: perWeek)));
    }

    [Fact]
    public void Preparation_sessions_are_laid_out_at_their_interval_before_dosing()
    {
        var draft = SessionPlanner.Draft(Request(new CoursePlan(3, 6, 1, 1)) with { PreparationStart = new DateOnly(2026, 12, 14) });

        var preparation = draft.Where(s => s.Kind == AppointmentKind.Preparation).ToList();

        Assert.Equal([At(12, 14, Eleven, 2026), At(12, 21, Eleven, 2026), At(12, 28, Eleven, 2026)], preparation.Select(s => s.LocalStart));
        Assert.All(preparation, s => Assert.Null(s.Dose));
        Assert.Equal(preparation, draft.Take(3));
    }

    [Fact]
    public void Several_integration_sessions_per_dose_follow_on_consecutive_days_and_after_series_sessions_repeat_weekly()
    {
        var draft = SessionPlanner.Draft(Request(new CoursePlan(1, 6, 2, 2)));

        Assert.Equal(1 + 6 + 12 + 2, draft.Count);
        var firstDose = draft.Where(s => s.Kind == AppointmentKind.Integration && s.Dose == 1).Select(s => s.LocalStart);
        Assert.Equal([At(1, 5, Two), At(1, 6, Two)], firstDose);
        var afterSeries = draft.Where(s => s.Kind == AppointmentKind.Integration && s.Dose is null).Select(s => s.LocalStart);
        Assert.Equal([At(1, 30, Two), At(2, 6, Two)], afterSeries);
    }

    [Fact]
    public void The_counts_follow_the_plan()
    {
        var plan = new CoursePlan(2, 4, 3, 1);

        var draft = SessionPlanner.Draft(Request(plan));

        Assert.Equal(plan.PreparationSessions, draft.Count(s => s.Kind == AppointmentKind.Preparation));
        Assert.Equal(plan.DosingSessions, draft.Count(s => s.Kind == AppointmentKind.Dosing));
        Assert.Equal(plan.TotalIntegrationSessions, draft.Count(s => s.Kind == AppointmentKind.Integration));
    }
}
