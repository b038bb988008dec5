using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;

namespace Kap.Domain.Tests.Reminders;

/// <summary>
/// The patient lives in America/New_York (EST −5 in winter, EDT −4 in summer; 2027 changes on 14 March and
/// 7 November). Every expected instant is written in UTC with its local wall-clock time alongside.
/// </summary>
public sealed class ReminderPlannerTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly ReminderSettings Defaults = new();

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static DateTime Local(int year, int month, int day, int hour, int minute = 0) =>
        WallClock.ToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), NewYork);

    private static IReadOnlyList<PlannedReminder> Plan(AppointmentKind kind, DateTime startUtc, DateTime endUtc, DateTime nowUtc, ReminderSettings? settings = null) =>
        ReminderPlanner.ForAppointment(kind, startUtc, endUtc, NewYork, settings ?? Defaults, nowUtc);

    private static PlannedReminder Find(IReadOnlyList<PlannedReminder> plan, ReminderKind kind) => Assert.Single(plan, r => r.Kind == kind);

    // ---- A dosing session on Wednesday 20 January 2027, 10:00–12:00 EST (15:00–17:00 UTC), booked two weeks ahead.

    private static readonly DateTime DosingStart = Utc(2027, 1, 20, 15);
    private static readonly DateTime DosingEnd = Utc(2027, 1, 20, 17);
    private static readonly DateTime TwoWeeksBefore = Utc(2027, 1, 6, 15);

    [Fact]
    public void A_dosing_session_booked_ahead_gets_the_five_reminders_of_the_plan()
    {
        var plan = Plan(AppointmentKind.Dosing, DosingStart, DosingEnd, TwoWeeksBefore);

        Assert.Equal(
            [
                new PlannedReminder(ReminderKind.DosingPreparation, RecipientRole.Patient, Utc(2027, 1, 17, 15), DosingStart), // Sun 17 Jan 10:00 EST
                new PlannedReminder(ReminderKind.DosingChecklist, RecipientRole.Patient, Utc(2027, 1, 19, 15), DosingStart), // Tue 19 Jan 10:00 EST
                new PlannedReminder(ReminderKind.DosingSoon, RecipientRole.Patient, Utc(2027, 1, 20, 13), DosingStart), // Wed 20 Jan 08:00 EST
                new PlannedReminder(ReminderKind.NextDayCheckIn, RecipientRole.Patient, Utc(2027, 1, 21, 17), Utc(2027, 1, 24, 17)), // Thu 21 Jan 12:00 EST
                new PlannedReminder(ReminderKind.IntegrationBookingCheck, RecipientRole.Therapist, Utc(2027, 1, 23, 17), null), // end + 72 h
            ],
            plan);
    }

    [Fact]
    public void Reminders_before_a_dosing_session_go_to_the_patient_and_expire_when_it_starts()
    {
        var plan = Plan(AppointmentKind.Dosing, DosingStart, DosingEnd, TwoWeeksBefore);

        foreach (var kind in new[] { ReminderKind.DosingPreparation, ReminderKind.DosingChecklist, ReminderKind.DosingSoon })
        {
            var reminder = Find(plan, kind);
            Assert.Equal(RecipientRole.Patient, reminder.Recipient);
            Assert.Equal(DosingStart, reminder.ExpiresUtc);
            Assert.True(reminder.DueUtc < DosingStart);
        }
    }

    [Fact]
    public void The_next_day_check_in_is_a_day_after_the_end_and_stays_open_three_days()
    {
        var checkIn = Find(Plan(AppointmentKind.Dosing, DosingStart, DosingEnd, TwoWeeksBefore), ReminderKind.NextDayCheckIn);

        Assert.Equal(RecipientRole.Patient, checkIn.Recipient);
        Assert.Equal(DosingEnd.AddHours(24), checkIn.DueUtc);
        Assert.Equal(checkIn.DueUtc.AddDays(3), checkIn.ExpiresUtc);
    }

    [Fact]
    public void The_integration_booking_check_alerts_the_therapist_72_hours_after_the_end_and_never_expires()
    {
        var check = Find(Plan(AppointmentKind.Dosing, DosingStart, DosingEnd, TwoWeeksBefore), ReminderKind.IntegrationBookingCheck);

        Assert.Equal(RecipientRole.Therapist, check.Recipient);
        Assert.Equal(DosingEnd.AddHours(72), check.DueUtc);
        Assert.Null(check.ExpiresUtc);
    }

    [Theory]
    [InlineData(AppointmentKind.Consultation)]
    [InlineData(AppointmentKind.Preparation)]
    [InlineData(AppointmentKind.MedicalClearance)]
    [InlineData(AppointmentKind.Integration)]
    [InlineData(AppointmentKind.FollowUp)]
    public void Any_other_appointment_gets_one_reminder_a_day_before(AppointmentKind kind)
    {
        var start = Utc(2027, 1, 20, 15); // 10:00 EST
        var plan = Plan(kind, start, start.AddHours(1), TwoWeeksBefore);

        var reminder = Assert.Single(plan);
        Assert.Equal(new PlannedReminder(ReminderKind.AppointmentReminder, RecipientRole.Patient, Utc(2027, 1, 19, 15), start), reminder);
    }

    [Fact]
    public void The_offsets_are_the_clinics_settings()
    {
        var settings = Defaults with { DosingPreparationHoursBefore = 48, DosingChecklistHoursBefore = 26, DosingSoonHoursBefore = 1, NextDayCheckInHoursAfter = 20, IntegrationBookedWithinHours = 48 };

        var plan = Plan(AppointmentKind.Dosing, DosingStart, DosingEnd, TwoWeeksBefore, settings);

        Assert.Equal(Utc(2027, 1, 18, 15), Find(plan, ReminderKind.DosingPreparation).DueUtc); // 10:00 EST two days before
        Assert.Equal(Utc(2027, 1, 19, 13), Find(plan, ReminderKind.DosingChecklist).DueUtc); // 26 elapsed hours: 08:00 EST the day before
        Assert.Equal(Utc(2027, 1, 20, 14), Find(plan, ReminderKind.DosingSoon).DueUtc); // 09:00 EST
        Assert.Equal(Utc(2027, 1, 21, 13), Find(plan, ReminderKind.NextDayCheckIn).DueUtc); // 20 elapsed hours: 08:00 EST
        Assert.Equal(Utc(2027, 1, 22, 17), Find(plan, ReminderKind.IntegrationBookingCheck).DueUtc);
    }

    // ---- Quiet hours (21:00–08:00 local).

    [Theory]
    [InlineData(20, 59, false)]
    [InlineData(21, 0, true)]
    [InlineData(23, 30, true)]
    [InlineData(0, 0, true)]
    [InlineData(7, 59, true)]
    [InlineData(8, 0, false)]
    [InlineData(12, 0, false)]
    public void Quiet_hours_run_from_nine_in_the_evening_to_eight_in_the_morning_local(int hour, int minute, bool quiet)
    {
        Assert.Equal(quiet, ReminderPlanner.IsQuiet(Local(2027, 1, 20, hour, minute), NewYork, Defaults));
    }

    [Fact]
    public void Quiet_hours_that_do_not_cross_midnight_are_understood()
    {
        var settings = Defaults with { QuietHoursStart = new TimeOnly(12, 0), QuietHoursEnd = new TimeOnly(14, 0) };

        Assert.True(ReminderPlanner.IsQuiet(Local(2027, 1, 20, 13), NewYork, settings));
        Assert.False(ReminderPlanner.IsQuiet(Local(2027, 1, 20, 14), NewYork, settings));
        Assert.False(ReminderPlanner.IsQuiet(Local(2027, 1, 20, 22), NewYork, settings));
    }

    [Fact]
    public void A_reminder_in_quiet_hours_moves_to_when_they_end_if_that_is_at_least_an_hour_before_the_start()
    {
        // Dosing at 09:00 EST: −2 h is 07:00, quiet; 08:00 is an hour before the start.
        var start = Local(2027, 1, 20, 9);

        var soon = Find(Plan(AppointmentKind.Dosing, start, start.AddHours(2), TwoWeeksBefore), ReminderKind.DosingSoon);

        Assert.Equal(Utc(2027, 1, 20, 13), soon.DueUtc); // 08:00 EST
        Assert.Equal(start, soon.ExpiresUtc);
    }

    [Fact]
    public void A_reminder_in_quiet_hours_moves_to_just_before_they_begin_the_evening_before_when_their_end_is_too_late()
    {
        // Dosing at 08:30 EST: −2 h is 06:30, quiet; 08:00 would be only 30 minutes before, so 20:45 the evening before.
        var start = Local(2027, 1, 20, 8, 30);

        var soon = Find(Plan(AppointmentKind.Dosing, start, start.AddHours(2), TwoWeeksBefore), ReminderKind.DosingSoon);

        Assert.Equal(Utc(2027, 1, 20, 1, 45), soon.DueUtc); // Tue 19 Jan 20:45 EST
        Assert.False(ReminderPlanner.IsQuiet(soon.DueUtc, NewYork, Defaults));
    }

    [Fact]
    public void A_day_before_reminder_in_quiet_hours_moves_to_the_end_of_quiet_hours_that_morning()
    {
        // Consultation at 07:30 EST: −24 h is 07:30 the day before, quiet → 08:00 the day before.
        var start = Local(2027, 1, 20, 7, 30);

        var reminder = Assert.Single(Plan(AppointmentKind.Consultation, start, start.AddHours(1), TwoWeeksBefore));

        Assert.Equal(Utc(2027, 1, 19, 13), reminder.DueUtc);
    }

    [Fact]
    public void A_next_day_check_in_in_quiet_hours_moves_to_the_next_morning()
    {
        // Evening dosing ending 21:30 EST: +24 h is 21:30 the next day, quiet → 08:00 the day after.
        var start = Local(2027, 1, 20, 19);
        var end = Local(2027, 1, 20, 21, 30);

        var checkIn = Find(Plan(AppointmentKind.Dosing, start, end, TwoWeeksBefore), ReminderKind.NextDayCheckIn);

        Assert.Equal(Utc(2027, 1, 22, 13), checkIn.DueUtc); // Fri 22 Jan 08:00 EST
        Assert.Equal(checkIn.DueUtc.AddDays(3), checkIn.ExpiresUtc);
    }

    [Fact]
    public void The_therapist_alert_ignores_the_patients_quiet_hours()
    {
        // Ends 21:30 EST; +72 h is 21:30 EST, a quiet time for the patient, but the alert is for staff.
        var start = Local(2027, 1, 20, 19);
        var end = Local(2027, 1, 20, 21, 30);

        var check = Find(Plan(AppointmentKind.Dosing, start, end, TwoWeeksBefore), ReminderKind.IntegrationBookingCheck);

        Assert.Equal(end.AddHours(72), check.DueUtc);
    }

    [Fact]
    public void A_quiet_reminder_whose_evening_slot_has_passed_is_still_sent_before_the_start()
    {
        // Booked at 20:50 EST the evening before an 08:30 session: neither 08:00 (too late) nor 20:45 (past) works.
        var start = Local(2027, 1, 20, 8, 30);
        var now = Local(2027, 1, 19, 20, 50);

        var soon = Find(Plan(AppointmentKind.Dosing, start, start.AddHours(2), now), ReminderKind.DosingSoon);

        Assert.True(soon.DueUtc >= now);
        Assert.True(soon.DueUtc < start);
    }

    [Fact]
    public void A_late_booked_checklist_is_not_sent_in_quiet_hours()
    {
        // Booked at 22:00 EST for a 10:00 EST dosing the next morning. The checklist's −24 h time has passed, so it is
        // due now — but now is in the patient's quiet hours. The class summary says messages to the patient that fall in
        // quiet hours move to when they end (08:00, two hours before the start).
        var start = Local(2027, 1, 20, 10);
        var now = Local(2027, 1, 19, 22);

        var checklist = Find(Plan(AppointmentKind.Dosing, start, start.AddHours(2), now), ReminderKind.DosingChecklist);

        Assert.False(ReminderPlanner.IsQuiet(checklist.DueUtc, NewYork, Defaults), $"The checklist is due at {WallClock.ToLocal(checklist.DueUtc, NewYork):yyyy-MM-dd HH:mm} local, in quiet hours.");
        Assert.Equal(Utc(2027, 1, 20, 13), checklist.DueUtc); // 08:00 EST
    }

    // ---- Daylight-saving changes: whole days keep the wall-clock time, hours are elapsed time.

    [Fact]
    public void Across_the_spring_forward_night_the_day_before_reminder_keeps_ten_o_clock_and_is_23_hours_before()
    {
        // Dosing at 10:00 EDT on Sunday 14 March 2027; the checklist is 10:00 EST on Saturday 13 March.
        var start = Local(2027, 3, 14, 10);
        Assert.Equal(Utc(2027, 3, 14, 14), start);

        var plan = Plan(AppointmentKind.Dosing, start, start.AddHours(2), Utc(2027, 3, 1, 12));

        var checklist = Find(plan, ReminderKind.DosingChecklist);
        Assert.Equal(Utc(2027, 3, 13, 15), checklist.DueUtc);
        Assert.Equal(TimeSpan.FromHours(23), start - checklist.DueUtc);
        var soon = Find(plan, ReminderKind.DosingSoon);
        Assert.Equal(TimeSpan.FromHours(2), start - soon.DueUtc); // 08:00 EDT
    }

    [Fact]
    public void For_a_monday_session_after_the_spring_forward_the_three_day_reminder_is_71_hours_before_and_the_day_before_24()
    {
        // Dosing at 10:00 EDT on Monday 15 March 2027: Sunday 14 March 10:00 is also EDT; Friday 12 March 10:00 is EST.
        var start = Local(2027, 3, 15, 10);
        Assert.Equal(Utc(2027, 3, 15, 14), start);

        var plan = Plan(AppointmentKind.Dosing, start, start.AddHours(2), Utc(2027, 3, 1, 12));

        var preparation = Find(plan, ReminderKind.DosingPreparation);
        Assert.Equal(Utc(2027, 3, 12, 15), preparation.DueUtc);
        Assert.Equal(TimeSpan.FromHours(71), start - preparation.DueUtc);
        var checklist = Find(plan, ReminderKind.DosingChecklist);
        Assert.Equal(Utc(2027, 3, 14, 14), checklist.DueUtc);
        Assert.Equal(new DateTime(2027, 3, 14, 10, 0, 0), WallClock.ToLocal(checklist.DueUtc, NewYork));
        Assert.Equal(TimeSpan.FromHours(2), start - Find(plan, ReminderKind.DosingSoon).DueUtc);
    }

    [Fact]
    public void A_two_hour_reminder_across_the_spring_forward_gap_is_two_elapsed_hours()
    {
        // An early session with quiet hours switched off, to see the raw offset: 04:00 EDT − 2 h = 01:00 EST (not 02:00, which does not exist).
        var settings = Defaults with { QuietHoursStart = new TimeOnly(0, 0), QuietHoursEnd = new TimeOnly(0, 0) };
        var start = Local(2027, 3, 14, 4);

        var soon = Find(Plan(AppointmentKind.Dosing, start, start.AddHours(2), Utc(2027, 3, 1, 12), settings), ReminderKind.DosingSoon);

        Assert.Equal(start.AddHours(-2), soon.DueUtc);
        Assert.Equal(new DateTime(2027, 3, 14, 1, 0, 0), WallClock.ToLocal(soon.DueUtc, NewYork));
    }

    [Fact]
    public void Across_the_fall_back_night_the_day_before_reminder_keeps_ten_o_clock_and_is_25_hours_before()
    {
        // Dosing at 10:00 EST on Sunday 7 November 2027; the checklist is 10:00 EDT on Saturday 6 November.
        var start = Local(2027, 11, 7, 10);
        Assert.Equal(Utc(2027, 11, 7, 15), start);

        var checklist = Find(Plan(AppointmentKind.Dosing, start, start.AddHours(2), Utc(2027, 10, 20, 12)), ReminderKind.DosingChecklist);

        Assert.Equal(Utc(2027, 11, 6, 14), checklist.DueUtc);
        Assert.Equal(TimeSpan.FromHours(25), start - checklist.DueUtc);
    }

    [Fact]
    public void Across_the_fall_back_night_the_check_in_keeps_the_wall_clock_time_and_the_therapist_alert_is_elapsed_hours()
    {
        // Dosing Saturday 6 November 2027 10:00–12:00 EDT (16:00 UTC end).
        var start = Local(2027, 11, 6, 10);
        var end = Local(2027, 11, 6, 12);

        var plan = Plan(AppointmentKind.Dosing, start, end, Utc(2027, 10, 20, 12));

        var checkIn = Find(plan, ReminderKind.NextDayCheckIn);
        Assert.Equal(Utc(2027, 11, 7, 17), checkIn.DueUtc); // Sun 7 Nov 12:00 EST
        Assert.Equal(TimeSpan.FromHours(25), checkIn.DueUtc - end);
        Assert.Equal(end.AddHours(72), Find(plan, ReminderKind.IntegrationBookingCheck).DueUtc);
    }

    [Theory]
    [InlineData(24, 1)]
    [InlineData(-72, -3)]
    [InlineData(0, 0)]
    public void Offsets_of_whole_days_keep_the_wall_clock_time(int hours, int days)
    {
        var at = Local(2027, 3, 14, 10);

        Assert.Equal(WallClock.AddLocalDays(at, days, NewYork), ReminderPlanner.Offset(at, hours, NewYork));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(-25)]
    [InlineData(36)]
    public void Other_offsets_are_elapsed_hours(int hours)
    {
        var at = Local(2027, 3, 14, 10);

        Assert.Equal(at.AddHours(hours), ReminderPlanner.Offset(at, hours, NewYork));
    }

    // ---- Late booking.

    [Fact]
    public void Booking_a_dosing_session_five_hours_ahead_sends_the_checklist_now_and_drops_the_preparation_instructions()
    {
        // Dosing 14:00–16:00 EST on 20 January, booked at 09:00 EST the same day.
        var start = Local(2027, 1, 20, 14);
        var end = Local(2027, 1, 20, 16);
        var now = Local(2027, 1, 20, 9);

        var plan = Plan(AppointmentKind.Dosing, start, end, now);

        Assert.DoesNotContain(plan, r => r.Kind == ReminderKind.DosingPreparation);
        Assert.Equal(now, Find(plan, ReminderKind.DosingChecklist).DueUtc);
        Assert.Equal(start, Find(plan, ReminderKind.DosingChecklist).ExpiresUtc);
        Assert.Equal(start.AddHours(-2), Find(plan, ReminderKind.DosingSoon).DueUtc);
        Assert.Equal(end.AddHours(24), Find(plan, ReminderKind.NextDayCheckIn).DueUtc);
        Assert.Equal(end.AddHours(72), Find(plan, ReminderKind.IntegrationBookingCheck).DueUtc);
        Assert.Equal(4, plan.Count);
    }

    [Fact]
    public void Booking_a_dosing_session_an_hour_ahead_keeps_only_the_checklist_now_and_the_after_session_reminders()
    {
        var start = Local(2027, 1, 20, 14);
        var end = Local(2027, 1, 20, 16);
        var now = Local(2027, 1, 20, 13);

        var plan = Plan(AppointmentKind.Dosing, start, end, now);

        Assert.Equal([ReminderKind.DosingChecklist, ReminderKind.NextDayCheckIn, ReminderKind.IntegrationBookingCheck], plan.Select(r => r.Kind));
        Assert.Equal(now, Find(plan, ReminderKind.DosingChecklist).DueUtc);
    }

    [Fact]
    public void Booked_after_the_first_reminder_has_passed_the_later_ones_keep_their_own_times()
    {
        var now = Utc(2027, 1, 18, 15);

        var plan = Plan(AppointmentKind.Dosing, DosingStart, DosingEnd, now);

        Assert.DoesNotContain(plan, r => r.Kind == ReminderKind.DosingPreparation);
        Assert.Equal(Utc(2027, 1, 19, 15), Find(plan, ReminderKind.DosingChecklist).DueUtc);
        Assert.Equal(4, plan.Count);
    }

    [Fact]
    public void A_dosing_session_recorded_after_it_started_gets_only_the_after_session_reminders()
    {
        var now = DosingStart.AddMinutes(30);

        var plan = Plan(AppointmentKind.Dosing, DosingStart, DosingEnd, now);

        Assert.Equal([ReminderKind.NextDayCheckIn, ReminderKind.IntegrationBookingCheck], plan.Select(r => r.Kind));
    }

    [Fact]
    public void A_consultation_booked_late_gets_its_reminder_now()
    {
        var start = Local(2027, 1, 20, 14);
        var now = Local(2027, 1, 20, 10);

        var reminder = Assert.Single(Plan(AppointmentKind.Consultation, start, start.AddHours(1), now));

        Assert.Equal(new PlannedReminder(ReminderKind.AppointmentReminder, RecipientRole.Patient, now, start), reminder);
    }

    [Fact]
    public void A_consultation_already_started_gets_no_reminder()
    {
        var start = Local(2027, 1, 20, 14);

        Assert.Empty(Plan(AppointmentKind.Consultation, start, start.AddHours(1), start));
    }

    // ---- Follow-ups after the course.

    [Fact]
    public void Course_completion_plans_outcome_measures_one_and_three_months_later_at_ten_local()
    {
        var completed = Utc(2027, 1, 15, 16); // Fri 15 Jan 11:00 EST

        var plan = ReminderPlanner.ForCourseCompletion(completed, NewYork, Defaults);

        Assert.Equal(
            [
                new PlannedReminder(ReminderKind.FollowUpMeasures, RecipientRole.Patient, Utc(2027, 2, 15, 15), null), // 10:00 EST
                new PlannedReminder(ReminderKind.FollowUpMeasures, RecipientRole.Patient, Utc(2027, 4, 15, 14), null), // 10:00 EDT
            ],
            plan);
    }

    [Fact]
    public void Follow_ups_count_months_from_the_patients_local_date_of_completion()
    {
        // 04:30 UTC on 1 February is 23:30 EST on 31 January: one month later is 28 February, three is 30 April.
        var completed = Utc(2027, 2, 1, 4, 30);

        var plan = ReminderPlanner.ForCourseCompletion(completed, NewYork, Defaults);

        Assert.Equal([Utc(2027, 2, 28, 15), Utc(2027, 4, 30, 14)], plan.Select(r => r.DueUtc));
    }

    [Fact]
    public void Follow_up_months_and_time_are_clinic_settings()
    {
        var settings = Defaults with { FollowUpMonthsAfterCourse = [2], FollowUpLocalTime = new TimeOnly(9, 30) };

        var plan = ReminderPlanner.ForCourseCompletion(Utc(2027, 1, 15, 16), NewYork, settings);

        var followUp = Assert.Single(plan);
        Assert.Equal(Utc(2027, 3, 15, 13, 30), followUp.DueUtc); // Mon 15 March 09:30 EDT
    }

    [Fact]
    public void The_default_settings_are_those_of_domain_md()
    {
        Assert.Equal(72, Defaults.DosingPreparationHoursBefore);
        Assert.Equal(24, Defaults.DosingChecklistHoursBefore);
        Assert.Equal(2, Defaults.DosingSoonHoursBefore);
        Assert.Equal(24, Defaults.OtherAppointmentHoursBefore);
        Assert.Equal(24, Defaults.NextDayCheckInHoursAfter);
        Assert.Equal(72, Defaults.IntegrationBookedWithinHours);
        Assert.Equal([1, 3], Defaults.FollowUpMonthsAfterCourse);
        Assert.Equal(new TimeOnly(21, 0), Defaults.QuietHoursStart);
        Assert.Equal(new TimeOnly(8, 0), Defaults.QuietHoursEnd);
    }
}
