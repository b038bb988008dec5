using System.ComponentModel.DataAnnotations;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Measures;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Measures.GetDueMeasures;

/// <summary>appsettings "Measures": the outcome-measure schedule of domain.md §5 (follow-up months are under Reminders).</summary>
public sealed class MeasureScheduleOptions
{
    public const string Section = "Measures";

    /// <summary>Dose numbers after which the course's measures are repeated; empty means the default 3 and 6.</summary>
    public int[] AfterDoses { get; set; } = [];

    public bool WeeklyPhq9DuringDosing { get; set; } = true;

    [Range(0, 30)] public int EarlyWindowDays { get; set; } = 7;

    /// <summary>MADRS remission at a total at or below this (domain.md §6: 12, some studies 10).</summary>
    [Range(MeasureSettings.MinMadrsRemissionThreshold, MeasureSettings.MaxMadrsRemissionThreshold)]
    public int MadrsRemissionThreshold { get; set; } = MeasureSettings.DefaultMadrsRemissionThreshold;

    public MeasureScheduleSettings ToSettings(IReadOnlyList<int> followUpMonths) => new()
    {
        AfterDoses = AfterDoses.Length == 0 ? [3, 6] : AfterDoses,
        WeeklyPhq9DuringDosing = WeeklyPhq9DuringDosing,
        EarlyWindowDays = EarlyWindowDays,
        FollowUpMonths = followUpMonths,
    };
}

/// <summary>The course's outcome-measure schedule: what is done, due and coming (domain.md §5).</summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetDueMeasuresQuery(Guid CourseId) : IQuery<Result<IReadOnlyList<DueMeasureDto>>>, IReadsHealthInformation;

public sealed record DueMeasureDto(string Label, string Instruments, DateTime DueFromUtc, DueStatus Status);

public sealed class GetDueMeasuresHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IOptionsMonitor<MeasureScheduleOptions> options,
    IOptionsMonitor<ReminderOptions> reminders) : IQueryHandler<GetDueMeasuresQuery, Result<IReadOnlyList<DueMeasureDto>>>
{
    public async ValueTask<Result<IReadOnlyList<DueMeasureDto>>> Handle(GetDueMeasuresQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, query.CourseId, nameof(MeasureRecord), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var settings = options.CurrentValue.ToSettings(reminders.CurrentValue.ToSettings().FollowUpMonthsAfterCourse);
        var schedule = await MeasureScheduleReader.ReadAsync(db, course, settings, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return schedule.Select(d => new DueMeasureDto(d.Label, string.Join(", ", d.Instruments.Select(i => i.Describe())), d.DueFromUtc, d.Status)).ToList();
    }
}

/// <summary>
/// A course's outcome-measure schedule read from its records: the doses given, when it entered Dosing, whether it is
/// completed, and its valid questionnaires — one reading for the course page and the patient portal.
/// </summary>
public static class MeasureScheduleReader
{
    public static async Task<IReadOnlyList<DueMeasure>> ReadAsync(IKapDbContext db, Course course, MeasureScheduleSettings settings, DateTime nowUtc,
        CancellationToken cancellationToken)
    {
        var doses = await db.DosingSessions.AsNoTracking().Where(s => s.CourseId == course.Id)
            .Select(s => db.SessionAdministrations.Where(a => a.SessionId == s.Id).Min(a => (DateTime?)a.AtUtc))
            .ToListAsync(cancellationToken);
        var doseTimes = doses.OfType<DateTime>().Order().ToList();
        var enteredDosing = await db.Courses.Where(c => c.Id == course.Id).SelectMany(c => c.History).Where(h => h.To == CoursePhase.Dosing)
            .MaxAsync(h => (DateTime?)h.AtUtc, cancellationToken);
        var taken = await db.MeasureRecords.AsNoTracking().Where(m => m.CourseId == course.Id && m.IsValid)
            .Select(m => new { m.Instrument, m.TakenAtUtc }).ToListAsync(cancellationToken);
        var firstDose = doseTimes.Count > 0 ? doseTimes[0] : (DateTime?)null;
        var instruments = taken.Where(t => firstDose is null || t.TakenAtUtc <= firstDose).Select(t => t.Instrument).Distinct().ToList();

        var facts = new MeasureScheduleFacts(course.OpenedAtUtc, doseTimes, enteredDosing, course.Phase == CoursePhase.Dosing,
            course.Phase == CoursePhase.Completed ? course.PhaseChangedAtUtc : null, instruments, taken.Select(t => (t.Instrument, t.TakenAtUtc)).ToList());
        return MeasureSchedule.For(facts, settings, nowUtc);
    }
}
