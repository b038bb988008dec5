using Kap.Domain.Courses;

namespace Kap.Domain.Tests.Courses;

public sealed class CourseTests
{
    private static readonly DateTime Opened = new(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Therapist = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid Prescriber = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly Guid Clinician = Guid.Parse("33333333-3333-3333-3333-333333333333");

    private static readonly DosingReadiness Ready = new(
        ClearanceSigned: true, ConsentCurrent: true, BaselineMeasuresRecorded: true, PreparationSessionsCompleted: true, SupportPersonNamed: true);

    private static Course NewCourse() =>
        new(Guid.NewGuid(), Therapist, Prescriber, Indication.Depression, CoursePlan.Default, Opened, Clinician);

    /// <summary>A course walked along the main path to <paramref name="phase"/>, one day per step.</summary>
    private static Course CourseIn(CoursePhase phase)
    {
        var course = NewCourse();
        CoursePhase[] path = [CoursePhase.Screening, CoursePhase.Preparation, CoursePhase.Dosing, CoursePhase.Integration, CoursePhase.Completed];
        var at = Opened;
        foreach (var step in path)
        {
            if (course.Phase == phase)
            {
                break;
            }

            at = at.AddDays(1);
            var result = course.TransitionTo(step, at, Clinician, readiness: Ready);
            Assert.True(result.IsSuccess, string.Join(" ", result.Problems));
        }

        Assert.Equal(phase, course.Phase);
        return course;
    }

    private static Course OnHoldFrom(CoursePhase phase)
    {
        var course = CourseIn(phase);
        var result = course.TransitionTo(CoursePhase.OnHold, course.PhaseChangedAtUtc.AddHours(1), Clinician, "Patient travelling");
        Assert.True(result.IsSuccess, string.Join(" ", result.Problems));
        return course;
    }

    public static TheoryData<CoursePhase> ActivePhases() =>
        new(CoursePhase.Referred, CoursePhase.Screening, CoursePhase.Preparation, CoursePhase.Dosing, CoursePhase.Integration);

    public static TheoryData<CoursePhase> AllPhases() => new(Enum.GetValues<CoursePhase>());

    [Fact]
    public void A_new_course_starts_referred_with_no_history()
    {
        var course = NewCourse();

        Assert.Equal(CoursePhase.Referred, course.Phase);
        Assert.Equal(Opened, course.PhaseChangedAtUtc);
        Assert.Null(course.PhaseBeforeHold);
        Assert.Null(course.DiscontinuedReason);
        Assert.Empty(course.History);
    }

    [Fact]
    public void A_transition_records_from_to_time_user_and_reason()
    {
        var course = NewCourse();
        var at = Opened.AddDays(2);
        var user = Guid.NewGuid();

        var result = course.TransitionTo(CoursePhase.Screening, at, user, "Consultation booked");

        Assert.True(result.IsSuccess);
        var change = Assert.Single(course.History);
        Assert.Equal(CoursePhase.Referred, change.From);
        Assert.Equal(CoursePhase.Screening, change.To);
        Assert.Equal(at, change.AtUtc);
        Assert.Equal(user, change.ByUserId);
        Assert.Equal("Consultation booked", change.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_transition_without_a_reason_records_no_reason(string? reason)
    {
        var course = NewCourse();

        var result = course.TransitionTo(CoursePhase.Screening, Opened.AddDays(1), Clinician, reason);

        Assert.True(result.IsSuccess);
        Assert.Null(Assert.Single(course.History).Reason);
    }

    [Fact]
    public void The_history_keeps_every_step_in_order()
    {
        var course = CourseIn(CoursePhase.Completed);

        Assert.Equal(
            [
                (CoursePhase.Referred, CoursePhase.Screening),
                (CoursePhase.Screening, CoursePhase.Preparation),
                (CoursePhase.Preparation, CoursePhase.Dosing),
                (CoursePhase.Dosing, CoursePhase.Integration),
                (CoursePhase.Integration, CoursePhase.Completed),
            ],
            course.History.Select(h => (h.From, h.To)));
        Assert.Equal(course.History.Select(h => h.AtUtc).Order(), course.History.Select(h => h.AtUtc));
    }

    [Fact]
    public void A_transition_updates_the_time_the_phase_changed()
    {
        var course = NewCourse();
        var at = Opened.AddDays(5).AddHours(3);

        course.TransitionTo(CoursePhase.Screening, at, Clinician);

        Assert.Equal(at, course.PhaseChangedAtUtc);
    }

    [Fact]
    public void An_illegal_transition_changes_nothing()
    {
        var course = CourseIn(CoursePhase.Screening);
        var changedAt = course.PhaseChangedAtUtc;
        var historyCount = course.History.Count;

        var result = course.TransitionTo(CoursePhase.Integration, changedAt.AddDays(1), Clinician);

        Assert.False(result.IsSuccess);
        Assert.NotEmpty(result.Problems);
        Assert.Equal(CoursePhase.Screening, course.Phase);
        Assert.Equal(changedAt, course.PhaseChangedAtUtc);
        Assert.Equal(historyCount, course.History.Count);
    }

    [Theory]
    [InlineData(CoursePhase.OnHold, null)]
    [InlineData(CoursePhase.OnHold, "")]
    [InlineData(CoursePhase.OnHold, "   ")]
    [InlineData(CoursePhase.OnHold, "\t\n")]
    [InlineData(CoursePhase.Discontinued, null)]
    [InlineData(CoursePhase.Discontinued, "")]
    [InlineData(CoursePhase.Discontinued, "   ")]
    [InlineData(CoursePhase.Discontinued, "\t\n")]
    public void Hold_and_discontinue_are_refused_without_a_reason(CoursePhase to, string? reason)
    {
        var course = CourseIn(CoursePhase.Preparation);
        var changedAt = course.PhaseChangedAtUtc;
        var historyCount = course.History.Count;

        var result = course.TransitionTo(to, changedAt.AddDays(1), Clinician, reason);

        Assert.False(result.IsSuccess);
        Assert.Contains(result.Problems, p => p.Contains("reason", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(CoursePhase.Preparation, course.Phase);
        Assert.Equal(changedAt, course.PhaseChangedAtUtc);
        Assert.Equal(historyCount, course.History.Count);
        Assert.Null(course.PhaseBeforeHold);
        Assert.Null(course.DiscontinuedReason);
    }

    [Fact]
    public void Discontinuing_an_on_hold_course_also_needs_a_reason()
    {
        var course = OnHoldFrom(CoursePhase.Dosing);

        var refused = course.TransitionTo(CoursePhase.Discontinued, Opened.AddDays(30), Clinician, " ");

        Assert.False(refused.IsSuccess);
        Assert.Equal(CoursePhase.OnHold, course.Phase);
        Assert.Equal(CoursePhase.Dosing, course.PhaseBeforeHold);
    }

    [Theory]
    [MemberData(nameof(ActivePhases))]
    public void Going_on_hold_remembers_the_phase_left(CoursePhase phase)
    {
        var course = CourseIn(phase);
        var at = course.PhaseChangedAtUtc.AddDays(1);

        var result = course.TransitionTo(CoursePhase.OnHold, at, Clinician, "  Patient unwell  ");

        Assert.True(result.IsSuccess);
        Assert.Equal(CoursePhase.OnHold, course.Phase);
        Assert.Equal(phase, course.PhaseBeforeHold);
        Assert.Equal(at, course.PhaseChangedAtUtc);
        var change = course.History[^1];
        Assert.Equal(phase, change.From);
        Assert.Equal(CoursePhase.OnHold, change.To);
        Assert.Equal("Patient unwell", change.Reason);
    }

    [Theory]
    [MemberData(nameof(ActivePhases))]
    public void Resuming_returns_to_the_phase_left_and_clears_it(CoursePhase phase)
    {
        var course = OnHoldFrom(phase);
        var at = course.PhaseChangedAtUtc.AddDays(7);

        var result = course.TransitionTo(phase, at, Clinician);

        Assert.True(result.IsSuccess, string.Join(" ", result.Problems));
        Assert.Equal(phase, course.Phase);
        Assert.Null(course.PhaseBeforeHold);
        Assert.Equal(at, course.PhaseChangedAtUtc);
        var change = course.History[^1];
        Assert.Equal(CoursePhase.OnHold, change.From);
        Assert.Equal(phase, change.To);
    }

    [Theory]
    [InlineData(CoursePhase.Screening, CoursePhase.Preparation)]
    [InlineData(CoursePhase.Dosing, CoursePhase.Integration)]
    [InlineData(CoursePhase.Integration, CoursePhase.Dosing)]
    [InlineData(CoursePhase.Integration, CoursePhase.Completed)]
    [InlineData(CoursePhase.Referred, CoursePhase.Screening)]
    public void An_on_hold_course_cannot_resume_into_another_phase(CoursePhase left, CoursePhase other)
    {
        var course = OnHoldFrom(left);

        var result = course.TransitionTo(other, Opened.AddDays(60), Clinician, readiness: Ready);

        Assert.False(result.IsSuccess);
        Assert.NotEmpty(result.Problems);
        Assert.Equal(CoursePhase.OnHold, course.Phase);
        Assert.Equal(left, course.PhaseBeforeHold);
    }

    [Fact]
    public void Discontinuing_an_on_hold_course_clears_the_phase_left()
    {
        var course = OnHoldFrom(CoursePhase.Integration);

        var result = course.TransitionTo(CoursePhase.Discontinued, Opened.AddDays(60), Clinician, "Moved away");

        Assert.True(result.IsSuccess);
        Assert.Equal(CoursePhase.Discontinued, course.Phase);
        Assert.Null(course.PhaseBeforeHold);
        Assert.Equal("Moved away", course.DiscontinuedReason);
    }

    [Theory]
    [InlineData("Patient moved away", "Patient moved away")]
    [InlineData("   Patient moved away  ", "Patient moved away")]
    [InlineData("\tAdverse reaction\n", "Adverse reaction")]
    public void The_discontinued_reason_is_stored_trimmed(string reason, string stored)
    {
        var course = CourseIn(CoursePhase.Dosing);
        var at = course.PhaseChangedAtUtc.AddDays(1);

        var result = course.TransitionTo(CoursePhase.Discontinued, at, Clinician, reason);

        Assert.True(result.IsSuccess);
        Assert.Equal(CoursePhase.Discontinued, course.Phase);
        Assert.Equal(stored, course.DiscontinuedReason);
        Assert.Equal(stored, course.History[^1].Reason);
        Assert.Equal(at, course.PhaseChangedAtUtc);
    }

    [Fact]
    public void A_discontinued_course_cannot_change_phase_again()
    {
        var course = CourseIn(CoursePhase.Screening);
        course.TransitionTo(CoursePhase.Discontinued, Opened.AddDays(10), Clinician, "Not suitable");

        var result = course.TransitionTo(CoursePhase.Screening, Opened.AddDays(11), Clinician);

        Assert.False(result.IsSuccess);
        Assert.Equal(CoursePhase.Discontinued, course.Phase);
        Assert.Equal("Not suitable", course.DiscontinuedReason);
    }

    [Fact]
    public void Entering_dosing_without_a_checked_gate_is_refused()
    {
        var course = CourseIn(CoursePhase.Preparation);
        var changedAt = course.PhaseChangedAtUtc;
        var historyCount = course.History.Count;

        var result = course.TransitionTo(CoursePhase.Dosing, changedAt.AddDays(1), Clinician, readiness: null);

        Assert.False(result.IsSuccess);
        Assert.Contains(result.Problems, p => !string.IsNullOrWhiteSpace(p));
        Assert.Equal(CoursePhase.Preparation, course.Phase);
        Assert.Equal(changedAt, course.PhaseChangedAtUtc);
        Assert.Equal(historyCount, course.History.Count);
    }

    /// <summary>Every combination of the five gate items with at least one missing (31 cases).</summary>
    public static TheoryData<bool, bool, bool, bool, bool> IncompleteGates()
    {
        var data = new TheoryData<bool, bool, bool, bool, bool>();
        for (var mask = 0; mask < 31; mask++)
        {
            data.Add((mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0, (mask & 8) != 0, (mask & 16) != 0);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(IncompleteGates))]
    public void Entering_dosing_with_items_missing_is_refused_and_names_each_one(
        bool clearance, bool consent, bool baseline, bool preparation, bool supportPerson)
    {
        var course = CourseIn(CoursePhase.Preparation);
        var changedAt = course.PhaseChangedAtUtc;
        var historyCount = course.History.Count;
        var readiness = new DosingReadiness(clearance, consent, baseline, preparation, supportPerson);

        var result = course.TransitionTo(CoursePhase.Dosing, changedAt.AddDays(1), Clinician, readiness: readiness);

        Assert.False(result.IsSuccess);
        (bool Met, string Words)[] items =
        [
            (clearance, "clearance"),
            (consent, "consent"),
            (baseline, "baseline"),
            (preparation, "preparation sessions"),
            (supportPerson, "support person"),
        ];
        Assert.Equal(items.Count(i => !i.Met), result.Problems.Count);
        foreach (var (met, words) in items)
        {
            var named = result.Problems.Count(p => p.Contains(words, StringComparison.OrdinalIgnoreCase));
            Assert.True(met ? named == 0 : named == 1, $"'{words}' named {named} times in: {string.Join(" | ", result.Problems)}");
        }

        Assert.Equal(CoursePhase.Preparation, course.Phase);
        Assert.Equal(changedAt, course.PhaseChangedAtUtc);
        Assert.Equal(historyCount, course.History.Count);
    }

    [Fact]
    public void Entering_dosing_with_the_gate_met_is_allowed()
    {
        var course = CourseIn(CoursePhase.Preparation);
        var at = course.PhaseChangedAtUtc.AddDays(1);

        var result = course.TransitionTo(CoursePhase.Dosing, at, Clinician, readiness: Ready);

        Assert.True(result.IsSuccess);
        Assert.Empty(result.Problems);
        Assert.Equal(CoursePhase.Dosing, course.Phase);
        Assert.Equal(at, course.PhaseChangedAtUtc);
        var change = course.History[^1];
        Assert.Equal(CoursePhase.Preparation, change.From);
        Assert.Equal(CoursePhase.Dosing, change.To);
    }

    [Fact]
    public void Resuming_a_course_that_was_dosing_does_not_need_the_gate()
    {
        var course = OnHoldFrom(CoursePhase.Dosing);
        var at = course.PhaseChangedAtUtc.AddDays(3);

        var result = course.TransitionTo(CoursePhase.Dosing, at, Clinician, readiness: null);

        Assert.True(result.IsSuccess, string.Join(" ", result.Problems));
        Assert.Equal(CoursePhase.Dosing, course.Phase);
        Assert.Null(course.PhaseBeforeHold);
        Assert.Equal(at, course.PhaseChangedAtUtc);
    }

    [Fact]
    public void Resuming_a_course_that_was_dosing_ignores_an_incomplete_gate()
    {
        var course = OnHoldFrom(CoursePhase.Dosing);

        var result = course.TransitionTo(CoursePhase.Dosing, Opened.AddDays(40), Clinician,
            readiness: new DosingReadiness(false, false, false, false, false));

        Assert.True(result.IsSuccess, string.Join(" ", result.Problems));
        Assert.Equal(CoursePhase.Dosing, course.Phase);
    }

    [Fact]
    public void A_course_held_in_preparation_still_meets_the_gate_before_dosing()
    {
        var course = OnHoldFrom(CoursePhase.Preparation);
        Assert.True(course.TransitionTo(CoursePhase.Preparation, Opened.AddDays(20), Clinician).IsSuccess);

        var refused = course.TransitionTo(CoursePhase.Dosing, Opened.AddDays(21), Clinician, readiness: null);
        var allowed = course.TransitionTo(CoursePhase.Dosing, Opened.AddDays(22), Clinician, readiness: Ready);

        Assert.False(refused.IsSuccess);
        Assert.True(allowed.IsSuccess);
        Assert.Equal(CoursePhase.Dosing, course.Phase);
    }

    [Theory]
    [MemberData(nameof(AllPhases))]
    public void NextStep_gives_a_text_for_every_phase(CoursePhase phase)
    {
        Assert.False(string.IsNullOrWhiteSpace(Course.NextStep(phase)));
        Assert.False(string.IsNullOrWhiteSpace(Course.NextStep(phase, CoursePhase.Dosing)));
    }

    [Fact]
    public void NextStep_texts_differ_between_phases()
    {
        var texts = Enum.GetValues<CoursePhase>().Select(p => Course.NextStep(p)).ToList();

        Assert.Equal(texts.Count, texts.Distinct().Count());
    }

    [Theory]
    [InlineData(CoursePhase.Screening, "Screening")]
    [InlineData(CoursePhase.Dosing, "Dosing")]
    [InlineData(CoursePhase.Integration, "Integration")]
    public void NextStep_for_an_on_hold_course_names_the_phase_to_resume(CoursePhase left, string name)
    {
        Assert.Contains(name, Course.NextStep(CoursePhase.OnHold, left), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CoursePhase.Completed)]
    [InlineData(CoursePhase.Integration)]
    public void Maintenance_dosing_after_the_series_is_a_plan_revision_that_returns_the_course_to_dosing(CoursePhase phase)
    {
        var course = CourseIn(phase);
        var at = Opened.AddDays(60);
        var result = course.AddMaintenanceDosing(2, " Boosters before the effect wears off ", at, Clinician);

        Assert.True(result.IsSuccess);
        Assert.Equal(CoursePhase.Dosing, course.Phase);
        Assert.Equal(8, course.Plan.DosingSessions);
        var revision = Assert.Single(course.Revisions);
        Assert.Equal((1, PlanRevisionKind.Maintenance, 6, 8, 2), (revision.Number, revision.Kind, revision.DosingSessionsBefore, revision.DosingSessionsAfter, revision.AddedDosingSessions));
        Assert.Equal("Boosters before the effect wears off", revision.Reason);
        Assert.Equal((phase, CoursePhase.Dosing), (course.History[^1].From, course.History[^1].To));
        Assert.Equal(at, course.PhaseChangedAtUtc);
    }

    [Theory]
    [InlineData(CoursePhase.Referred)]
    [InlineData(CoursePhase.Preparation)]
    [InlineData(CoursePhase.Dosing)]
    public void Maintenance_dosing_before_the_series_is_over_is_refused(CoursePhase phase)
    {
        var course = CourseIn(phase);
        var result = course.AddMaintenanceDosing(2, "Boosters", Opened.AddDays(60), Clinician);
        Assert.False(result.IsSuccess);
        Assert.Equal(phase, course.Phase);
        Assert.Empty(course.Revisions);
    }

    [Fact]
    public void Maintenance_dosing_needs_a_reason_and_a_sensible_number_and_names_both()
    {
        var course = CourseIn(CoursePhase.Completed);
        var result = course.AddMaintenanceDosing(0, " ", Opened.AddDays(60), Clinician);
        Assert.Equal(2, result.Problems.Count);
        Assert.Equal(CoursePhase.Completed, course.Phase);
        Assert.False(course.AddMaintenanceDosing(Course.MaxMaintenanceSessionsPerRevision + 1, "Boosters", Opened.AddDays(60), Clinician).IsSuccess);
    }

    [Fact]
    public void Revisions_are_numbered_in_order()
    {
        var course = CourseIn(CoursePhase.Completed);
        Assert.True(course.AddMaintenanceDosing(2, "First boosters", Opened.AddDays(60), Clinician).IsSuccess);
        Assert.True(course.TransitionTo(CoursePhase.Integration, Opened.AddDays(70), Clinician).IsSuccess);
        Assert.True(course.AddMaintenanceDosing(1, "One more", Opened.AddDays(90), Clinician).IsSuccess);
        Assert.Equal([1, 2], course.Revisions.Select(r => r.Number));
        Assert.Equal(9, course.Plan.DosingSessions);
    }
}
