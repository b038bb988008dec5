using System.Globalization;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Features.Dosing;
using Kap.Application.Features.Measures.GetDueMeasures;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Measures;
using Kap.Domain.Patients;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Portal.Questionnaires;

/// <summary>One questionnaire due for the signed-in patient now, with the reasons in the patient's words.</summary>
public sealed record DueQuestionnaire(Instrument Instrument, IReadOnlyList<string> Reasons, DateTime DueFromUtc);

/// <summary>
/// What the portal asks the signed-in patient to fill in now (issue 7), for their current course:
/// <list type="bullet">
/// <item>The course's outcome-measure schedule (<see cref="MeasureSchedule"/>: baseline, after doses 3 and 6, end of course,
/// follow-ups, the weekly PHQ-9 during Dosing): every instrument still outstanding for a point that is due — self-report
/// instruments only; the MADRS is clinician-rated and never offered. One form answers every point it is due for.</item>
/// <item>The next-day check-in, from the start of the patient's next local day after a discharged dose until
/// <see cref="PortalOptions.NextDayCheckInClosesAfterHours"/> (48 h) after it, unless one was recorded since the discharge
/// (<see cref="NextDayCheckInRules"/>).</item>
/// <item>The C-SSRS screener in the 24 h before a booked dosing session, only when the clinic turns on
/// <see cref="PortalOptions.PreDoseCssrsInPortal"/> (off by default: the bedside screen is a clinician's), unless one was
/// recorded in that window.</item>
/// </list>
/// Nothing is due on a discontinued course.
/// </summary>
public static class MyQuestionnaires
{
    public static async Task<IReadOnlyList<DueQuestionnaire>> DueAsync(Operation op, Patient patient, Course course, MeasureScheduleSettings schedule,
        PortalOptions portal, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (course.Phase == CoursePhase.Discontinued)
        {
            return [];
        }

        var db = op.Db;
        var zone = PortalPatient.Zone(patient);
        var due = new List<DueQuestionnaire>();

        // The check-in first: it is the one that closes soonest.
        var since = nowUtc.AddHours(-portal.NextDayCheckInClosesAfterHours);
        var discharged = await db.DosingSessions.AsNoTracking()
            .Where(s => s.CourseId == course.Id && s.Status == DosingSessionStatus.Discharged && s.EndedAtUtc != null && s.EndedAtUtc >= since)
            .MaxAsync(s => s.EndedAtUtc, cancellationToken);
        if (discharged is { } dischargedAt)
        {
            var lastCheckIn = await LastValidAsync(op, course.Id, Instrument.NextDayCheckIn, cancellationToken);
            if (NextDayCheckInRules.IsDue(dischargedAt, zone, lastCheckIn, nowUtc, portal.NextDayCheckInClosesAfterHours))
            {
                due.Add(new DueQuestionnaire(Instrument.NextDayCheckIn, [$"After your session on {Day(dischargedAt, zone)}"],
                    NextDayCheckInRules.Window(dischargedAt, zone, portal.NextDayCheckInClosesAfterHours).OpensUtc));
            }
        }

        if (portal.PreDoseCssrsInPortal)
        {
            var window = PreDoseRecords.CssrsWindow;
            var next = await db.Appointments.AsNoTracking()
                .Where(a => a.CourseId == course.Id && a.Kind == AppointmentKind.Dosing && a.Status == AppointmentStatus.Booked && a.StartUtc > nowUtc)
                .OrderBy(a => a.StartUtc).Select(a => (DateTime?)a.StartUtc).FirstOrDefaultAsync(cancellationToken);
            if (next is { } start && nowUtc >= start - window)
            {
                var lastScreen = await LastValidAsync(op, course.Id, Instrument.CssrsScreener, cancellationToken);
                if (!(lastScreen >= start - window))
                {
                    due.Add(new DueQuestionnaire(Instrument.CssrsScreener, [$"Before your session on {Day(start, zone)}"], start - window));
                }
            }
        }

        var points = await MeasureScheduleReader.ReadAsync(db, course, schedule, nowUtc, cancellationToken);
        var measures = points
            .Where(p => p.Status == DueStatus.Due)
            .SelectMany(p => p.Outstanding.Select(i => (Instrument: i, Point: p)))
            .Where(x => InstrumentCatalog.Get(x.Instrument).CompletedBy == Respondent.SelfReport)
            .GroupBy(x => x.Instrument)
            .Select(g => new DueQuestionnaire(g.Key, g.Select(x => Reason(x.Point.Label)).Distinct().ToList(), g.Min(x => x.Point.DueFromUtc)))
            .OrderBy(d => d.DueFromUtc)
            .ThenBy(d => d.Instrument);
        due.AddRange(measures.Where(m => due.All(d => d.Instrument != m.Instrument)));
        return due;
    }

    /// <summary>The schedule's point label in the patient's words.</summary>
    public static string Reason(string scheduleLabel) => scheduleLabel switch
    {
        "Baseline" => "Before your treatment starts",
        "End of course" => "At the end of your course",
        "Weekly PHQ-9" => "Your weekly mood check",
        _ when scheduleLabel.StartsWith("After dose ", StringComparison.Ordinal) => $"After dose {scheduleLabel["After dose ".Length..]} of your course",
        _ => scheduleLabel,
    };

    /// <summary>The title patients see, with the instrument's short name for anyone who knows it.</summary>
    public static string Title(Instrument instrument) => instrument switch
    {
        Instrument.Phq9 => "Mood questionnaire (PHQ-9)",
        Instrument.Gad7 => "Anxiety questionnaire (GAD-7)",
        Instrument.Pcl5 => "Stress questionnaire (PCL-5)",
        Instrument.CssrsScreener => "Safety questions (C-SSRS)",
        Instrument.NextDayCheckIn => "Next-day check-in",
        _ => InstrumentCatalog.Get(instrument).ShortName,
    };

    /// <summary>What the questionnaire asks about, in a line.</summary>
    public static string About(Instrument instrument) => instrument switch
    {
        Instrument.Phq9 => "How your mood has been over the last 2 weeks.",
        Instrument.Gad7 => "How anxious or worried you have felt over the last 2 weeks.",
        Instrument.Pcl5 => "How a very stressful experience has affected you in the past month.",
        Instrument.CssrsScreener => "A few questions about thoughts of suicide, asked before each dosing session.",
        Instrument.NextDayCheckIn => "How you are the day after your session: mood, sleep and any side effects.",
        _ => InstrumentCatalog.Get(instrument).Name,
    };

    /// <summary>About how many minutes it takes (the PHQ-9 is published as under 3 minutes, the PCL-5 as 5–10).</summary>
    public static int Minutes(Instrument instrument) => instrument switch
    {
        Instrument.Phq9 => 3,
        Instrument.Pcl5 => 8,
        _ => 2,
    };

    private static Task<DateTime?> LastValidAsync(Operation op, Guid courseId, Instrument instrument, CancellationToken cancellationToken) =>
        op.Db.MeasureRecords.AsNoTracking().Where(m => m.CourseId == courseId && m.Instrument == instrument && m.IsValid)
            .MaxAsync(m => (DateTime?)m.TakenAtUtc, cancellationToken);

    /// <summary>A day in the patient's zone, as the portal writes it: "Tuesday 24 November".</summary>
    public static string Day(DateTime utc, TimeZoneInfo zone) => WallClock.ToLocal(utc, zone).ToString("dddd d MMMM", CultureInfo.InvariantCulture);
}
