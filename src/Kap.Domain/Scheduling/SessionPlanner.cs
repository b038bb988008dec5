using Kap.Domain.Courses;

namespace Kap.Domain.Scheduling;

/// <summary>How the clinician wants a course's sessions laid out; all times are the clinic's wall-clock times.</summary>
public sealed record SessionPlanRequest(
    CoursePlan Plan,
    DateOnly PreparationStart,
    TimeOnly PreparationTime,
    int PreparationEveryDays,
    DateOnly DosingStart,
    TimeOnly DosingTime,
    int DosingPerWeek,
    int IntegrationDaysAfterDose,
    TimeOnly IntegrationTime,
    int AfterSeriesEveryDays = 7);

/// <summary>One proposed session of the draft; <see cref="Dose"/> numbers dosing sessions and the integration sessions that follow them.</summary>
public sealed record DraftSession(AppointmentKind Kind, DateTime LocalStart, int? Dose);

/// <summary>
/// Lays out a course's sessions from its plan in one step (preparation sessions at an interval, dosing
/// at 1–3 a week, each dose followed by its integration sessions, then integration after the series).
/// The result is a draft: the clinician adjusts it before anything is booked.
/// </summary>
public static class SessionPlanner
{
    public static IReadOnlyList<DraftSession> Draft(SessionPlanRequest r)
    {
        if (r.DosingPerWeek is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(r), "Dosing sessions per week must be 1, 2 or 3.");
        }

        var sessions = new List<DraftSession>();
        for (var i = 0; i < r.Plan.PreparationSessions; i++)
        {
            sessions.Add(new DraftSession(AppointmentKind.Preparation, r.PreparationStart.AddDays(i * r.PreparationEveryDays).ToDateTime(r.PreparationTime), null));
        }

        // Days of the week, from the first dosing day: twice weekly is e.g. Monday and Thursday.
        int[] pattern = r.DosingPerWeek switch { 1 => [0], 2 => [0, 3], _ => [0, 2, 4] };
        var lastDoseDay = r.DosingStart;
        for (var dose = 0; dose < r.Plan.DosingSessions; dose++)
        {
            var day = r.DosingStart.AddDays((dose / r.DosingPerWeek * 7) + pattern[dose % r.DosingPerWeek]);
            lastDoseDay = day;
            sessions.Add(new DraftSession(AppointmentKind.Dosing, day.ToDateTime(r.DosingTime), dose + 1));
            for (var j = 0; j < r.Plan.IntegrationSessionsPerDose; j++)
            {
                sessions.Add(new DraftSession(AppointmentKind.Integration, day.AddDays(r.IntegrationDaysAfterDose + j).ToDateTime(r.IntegrationTime), dose + 1));
            }
        }

        var afterSeriesStart = lastDoseDay.AddDays(r.IntegrationDaysAfterDose + r.Plan.IntegrationSessionsPerDose - 1 + r.AfterSeriesEveryDays);
        for (var k = 0; k < r.Plan.IntegrationSessionsAfterSeries; k++)
        {
            sessions.Add(new DraftSession(AppointmentKind.Integration, afterSeriesStart.AddDays(k * r.AfterSeriesEveryDays).ToDateTime(r.IntegrationTime), null));
        }

        return sessions.OrderBy(s => s.LocalStart).ToList();
    }
}
