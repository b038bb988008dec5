using Kap.Domain.Scheduling;

namespace Kap.Domain.Reminders;

/// <summary>The clinic's reminder offsets and quiet hours (domain.md §8). Every number is a setting.</summary>
public sealed record ReminderSettings
{
    public int DosingPreparationHoursBefore { get; init; } = 72;
    public int DosingChecklistHoursBefore { get; init; } = 24;
    public int DosingSoonHoursBefore { get; init; } = 2;
    public int OtherAppointmentHoursBefore { get; init; } = 24;
    public int NextDayCheckInHoursAfter { get; init; } = 24;
    public int IntegrationBookedWithinHours { get; init; } = 72;
    public IReadOnlyList<int> FollowUpMonthsAfterCourse { get; init; } = [1, 3];
    public TimeOnly FollowUpLocalTime { get; init; } = new(10, 0);
    public TimeOnly QuietHoursStart { get; init; } = new(21, 0);
    public TimeOnly QuietHoursEnd { get; init; } = new(8, 0);
}

/// <summary>One reminder the planner asks for; the caller turns it into rows per recipient and channel.</summary>
public sealed record PlannedReminder(ReminderKind Kind, RecipientRole Recipient, DateTime DueUtc, DateTime? ExpiresUtc);

/// <summary>
/// Plans the reminders and follow-ups of an appointment (domain.md §5, §8). Offsets that are whole days
/// keep the wall-clock time in the patient's zone ("the day before at the same time", also across a DST
/// change); other offsets are elapsed hours. Messages to the patient that fall in their quiet hours are
/// moved to when quiet hours end — or, if that is too late for the appointment, to just before they begin.
/// </summary>
public static class ReminderPlanner
{
    public static IReadOnlyList<PlannedReminder> ForAppointment(AppointmentKind kind, DateTime startUtc, DateTime endUtc, TimeZoneInfo patientZone, ReminderSettings s, DateTime nowUtc)
    {
        var planned = new List<PlannedReminder>();
        if (kind == AppointmentKind.Dosing)
        {
            AddBefore(planned, ReminderKind.DosingPreparation, s.DosingPreparationHoursBefore);
            AddBefore(planned, ReminderKind.DosingChecklist, s.DosingChecklistHoursBefore);
            AddBefore(planned, ReminderKind.DosingSoon, s.DosingSoonHoursBefore);
            planned.AddRange(AfterDosing(endUtc, patientZone, s, nowUtc));
        }
        else
        {
            AddBefore(planned, ReminderKind.AppointmentReminder, s.OtherAppointmentHoursBefore);
        }

        // The reminder that carries the instructions still goes out when booked late; the others are only useful on time.
        var instructionKind = kind == AppointmentKind.Dosing ? ReminderKind.DosingChecklist : ReminderKind.AppointmentReminder;
        return planned
            .Select(r => r.DueUtc >= nowUtc ? r
                : r.Kind == instructionKind && startUtc > nowUtc ? r with { DueUtc = Quiet(nowUtc, patientZone, s, startUtc, nowUtc) }
                : null)
            .OfType<PlannedReminder>()
            .ToList();

        void AddBefore(List<PlannedReminder> list, ReminderKind reminderKind, int hours)
        {
            var due = Quiet(Offset(startUtc, -hours, patientZone), patientZone, s, startUtc, nowUtc);
            list.Add(new PlannedReminder(reminderKind, RecipientRole.Patient, due, startUtc));
        }
    }

    /// <summary>
    /// What follows a dosing session, from when it ended (planned at booking from the booked end, and
    /// planned again from the actual discharge): the patient's next-day check-in, and the therapist's
    /// alert when no integration session is booked in time.
    /// </summary>
    public static IReadOnlyList<PlannedReminder> AfterDosing(DateTime endUtc, TimeZoneInfo patientZone, ReminderSettings s, DateTime nowUtc)
    {
        var checkIn = Quiet(Offset(endUtc, s.NextDayCheckInHoursAfter, patientZone), patientZone, s, mustBeBeforeUtc: null, nowUtc);
        return
        [
            new PlannedReminder(ReminderKind.NextDayCheckIn, RecipientRole.Patient, checkIn, checkIn.AddDays(3)),
            // A staff alert, not a message to the patient: no quiet hours.
            new PlannedReminder(ReminderKind.IntegrationBookingCheck, RecipientRole.Therapist, endUtc.AddHours(s.IntegrationBookedWithinHours), null),
        ];
    }

    /// <summary>Outcome-measure follow-ups after a completed course, at a set local time on the day.</summary>
    public static IReadOnlyList<PlannedReminder> ForCourseCompletion(DateTime completedUtc, TimeZoneInfo patientZone, ReminderSettings s) =>
        s.FollowUpMonthsAfterCourse
            .Select(months =>
            {
                var day = DateOnly.FromDateTime(WallClock.ToLocal(completedUtc, patientZone)).AddMonths(months);
                var due = WallClock.ToUtc(day.ToDateTime(s.FollowUpLocalTime), patientZone);
                return new PlannedReminder(ReminderKind.FollowUpMeasures, RecipientRole.Patient, due, null);
            })
            .ToList();

    /// <summary>Whole days keep the local wall-clock time; anything else is elapsed hours.</summary>
    public static DateTime Offset(DateTime utc, int hours, TimeZoneInfo zone) =>
        hours % 24 == 0 ? WallClock.AddLocalDays(utc, hours / 24, zone) : utc.AddHours(hours);

    public static bool IsQuiet(DateTime utc, TimeZoneInfo zone, ReminderSettings s)
    {
        var local = TimeOnly.FromDateTime(WallClock.ToLocal(utc, zone));
        return s.QuietHoursStart <= s.QuietHoursEnd
            ? local >= s.QuietHoursStart && local < s.QuietHoursEnd
            : local >= s.QuietHoursStart || local < s.QuietHoursEnd;
    }

    /// <summary>Moves a patient message out of their quiet hours (see the class summary).</summary>
    public static DateTime Quiet(DateTime dueUtc, TimeZoneInfo zone, ReminderSettings s, DateTime? mustBeBeforeUtc, DateTime nowUtc)
    {
        if (!IsQuiet(dueUtc, zone, s))
        {
            return dueUtc;
        }

        var local = WallClock.ToLocal(dueUtc, zone);
        var endDay = TimeOnly.FromDateTime(local) >= s.QuietHoursStart && s.QuietHoursStart > s.QuietHoursEnd ? local.Date.AddDays(1) : local.Date;
        var after = WallClock.ToUtc(endDay + s.QuietHoursEnd.ToTimeSpan(), zone);
        if (mustBeBeforeUtc is not { } limit || after <= limit.AddHours(-1))
        {
            return after;
        }

        var startDay = TimeOnly.FromDateTime(local) < s.QuietHoursEnd && s.QuietHoursStart > s.QuietHoursEnd ? local.Date.AddDays(-1) : local.Date;
        var before = WallClock.ToUtc(startDay + s.QuietHoursStart.ToTimeSpan(), zone).AddMinutes(-15);
        return before > nowUtc ? before : dueUtc;
    }
}
