using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Ledger;
using Kap.Application.Features.Measures.GetDueMeasures;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Measures;
using Kap.Domain.Preparation;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Courses.GetCourseSummary;

/// <summary>
/// The course completion summary (issue 6): who, what for, when, the sessions held, the doses given, adverse events and
/// each instrument's baseline → end outcome (<see cref="CourseOutcome"/>). Available for any course the user may see; a
/// course that is not completed says so.
/// </summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetCourseSummaryQuery(Guid CourseId) : IQuery<Result<CourseSummaryDto>>, IReadsHealthInformation;

/// <param name="Attended">Appointments of the kind marked attended.</param>
/// <param name="NotRecorded">Still "booked": upcoming, or held without an outcome recorded.</param>
public sealed record SessionCountDto(AppointmentKind Kind, int Attended, int NoShow, int Cancelled, int NotRecorded);

/// <summary>One dose: a dosing session with at least one administration (boosters included in the total).</summary>
/// <param name="MgPerKg">The total over the weight the session's dose was computed from; null when the session recorded no weight.</param>
public sealed record DoseGivenDto(int Number, Guid SessionId, DateTime GivenAtUtc, Route Route, string RouteText, string SubstanceText, decimal TotalMg,
    decimal? MgPerKg, int Administrations);

public sealed record RouteCountDto(Route Route, string RouteText, int Doses);

public sealed record SessionWithoutDoseDto(Guid SessionId, DateTime StartedAtUtc, string? Reason);

public sealed record SummaryAdverseEventDto(Guid SessionId, DateTime OccurredAtUtc, AdverseEventSeverity Severity, string Type, string Summary);

/// <param name="Change">End − baseline; null without both.</param>
/// <param name="GapText">Why the outcome is not computable, in words; null when it is.</param>
public sealed record InstrumentOutcomeDto(Instrument Instrument, string Name, int? BaselineTotal, DateTime? BaselineAtUtc, int? EndTotal, DateTime? EndAtUtc,
    int? Change, OutcomeAssessment Response, OutcomeAssessment Remission, bool HasRemissionRule, bool IsComputable, string? GapText);

public sealed record CourseSummaryDto(
    Guid CourseId,
    string PatientName,
    string TherapistName,
    string PrescriberName,
    Indication Indications,
    CoursePhase Phase,
    CoursePhase? PhaseBeforeHold,
    DateTime OpenedAtUtc,
    DateTime? ClosedAtUtc,
    string? DiscontinuedReason,
    IReadOnlyList<SessionCountDto> Sessions,
    IReadOnlyList<DoseGivenDto> Doses,
    IReadOnlyList<RouteCountDto> DosesByRoute,
    IReadOnlyList<SessionWithoutDoseDto> EndedWithoutDose,
    IReadOnlyList<SummaryAdverseEventDto> AdverseEvents,
    IReadOnlyList<InstrumentOutcomeDto> Measures,
    IReadOnlyList<string> InstrumentsNotRecorded,
    int MadrsRemissionThreshold,
    DateTime PreparedAtUtc)
{
    public bool IsCompleted => Phase == CoursePhase.Completed;

    public bool IsDiscontinued => Phase == CoursePhase.Discontinued;

    public DateTime? FirstDoseUtc => Doses.Count == 0 ? null : Doses[0].GivenAtUtc;
}

public sealed class GetCourseSummaryValidator : AbstractValidator<GetCourseSummaryQuery>
{
    public GetCourseSummaryValidator() => RuleFor(q => q.CourseId).NotEmpty().WithMessage("Choose a course.");
}

public sealed class GetCourseSummaryHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IOptionsMonitor<MeasureScheduleOptions> measures)
    : IQueryHandler<GetCourseSummaryQuery, Result<CourseSummaryDto>>
{
    /// <summary>The session kinds a course summary always lists, even with none held; other kinds appear when booked.</summary>
    private static readonly AppointmentKind[] MainKinds = [AppointmentKind.Preparation, AppointmentKind.Dosing, AppointmentKind.Integration];

    private const int SummaryLength = 200;

    public async ValueTask<Result<CourseSummaryDto>> Handle(GetCourseSummaryQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, query.CourseId, "CourseSummary", cancellationToken, query.CourseId);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var people = await db.Courses.AsNoTracking().Where(c => c.Id == course.Id)
            .Select(c => new
            {
                Patient = db.Patients.Where(p => p.Id == c.PatientId).Select(p => new { p.LegalName, p.PreferredName }).First(),
                Therapist = db.Users.Where(u => u.Id == c.PrimaryTherapistId).Select(u => u.DisplayName).FirstOrDefault(),
                Prescriber = db.Users.Where(u => u.Id == c.PrescriberId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);

        var appointments = await db.Appointments.AsNoTracking().Where(a => a.CourseId == course.Id)
            .GroupBy(a => new { a.Kind, a.Status }).Select(g => new { g.Key.Kind, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(AppointmentKind kind, AppointmentStatus status) => appointments.Where(a => a.Kind == kind && a.Status == status).Sum(a => a.Count);
        var sessions = Enum.GetValues<AppointmentKind>()
            .Where(k => MainKinds.Contains(k) || appointments.Any(a => a.Kind == k))
            .Select(k => new SessionCountDto(k, Count(k, AppointmentStatus.Attended), Count(k, AppointmentStatus.NoShow), Count(k, AppointmentStatus.Cancelled),
                Count(k, AppointmentStatus.Booked)))
            .ToList();

        var dosingSessions = await db.DosingSessions.AsNoTracking().Where(s => s.CourseId == course.Id)
            .Select(s => new { s.Id, s.StartedAtUtc, s.Status, s.WeightKg, s.EndNote })
            .ToListAsync(cancellationToken);
        var administrations = await (
                from a in db.SessionAdministrations.AsNoTracking()
                join s in db.DosingSessions on a.SessionId equals s.Id
                join l in db.StockLots on a.LotId equals l.Id
                where s.CourseId == course.Id
                select new { a.SessionId, a.AtUtc, a.Route, a.Mg, l.Substance })
            .ToListAsync(cancellationToken);

        var doses = administrations.GroupBy(a => a.SessionId)
            .Select(g =>
            {
                var ordered = g.OrderBy(a => a.AtUtc).ToList();
                var weight = dosingSessions.Single(s => s.Id == g.Key).WeightKg;
                var total = ordered.Sum(a => a.Mg);
                var substances = string.Join(" + ", ordered.Select(a => a.Substance).Distinct().Select(s => s.Describe()));
                return new { Session = g.Key, First = ordered[0], Total = total, PerKg = weight is > 0 ? Math.Round(total / weight.Value, 3) : (decimal?)null,
                    Substances = substances, Count = ordered.Count };
            })
            .OrderBy(d => d.First.AtUtc)
            .Select((d, i) => new DoseGivenDto(i + 1, d.Session, d.First.AtUtc, d.First.Route, d.First.Route.Describe(), d.Substances, d.Total, d.PerKg, d.Count))
            .ToList();
        var byRoute = doses.GroupBy(d => d.Route).OrderBy(g => g.Key).Select(g => new RouteCountDto(g.Key, g.Key.Describe(), g.Count())).ToList();
        var withoutDose = dosingSessions.Where(s => s.Status == DosingSessionStatus.EndedWithoutDose).OrderBy(s => s.StartedAtUtc)
            .Select(s => new SessionWithoutDoseDto(s.Id, s.StartedAtUtc, s.EndNote)).ToList();

        var events = await db.AdverseEvents.AsNoTracking().Where(e => e.CourseId == course.Id).OrderBy(e => e.OccurredAtUtc)
            .Select(e => new { e.SessionId, e.OccurredAtUtc, e.Severity, e.Type, e.ActionTaken, e.Outcome })
            .ToListAsync(cancellationToken);
        var adverse = events.Select(e => new SummaryAdverseEventDto(e.SessionId, e.OccurredAtUtc, e.Severity, e.Type.Describe(),
            Shorten($"Action: {e.ActionTaken}. Outcome: {e.Outcome}."))).ToList();

        var scores = await db.MeasureRecords.AsNoTracking().Where(m => m.CourseId == course.Id && m.Instrument != Instrument.CssrsScreener)
            .Select(m => new ScoredMeasure(m.Instrument, m.TakenAtUtc, m.IsValid, m.Total))
            .ToListAsync(cancellationToken);
        var closedAt = CourseStateMachine.IsClosed(course.Phase) ? course.PhaseChangedAtUtc : (DateTime?)null;
        var threshold = measures.CurrentValue.MadrsRemissionThreshold;
        var firstDose = doses.Count == 0 ? (DateTime?)null : doses[0].GivenAtUtc;
        var recorded = scores.Select(s => s.Instrument).ToHashSet();
        var outcomes = CourseOutcome.ForCourse(scores, firstDose, closedAt, threshold)
            .Where(o => recorded.Contains(o.Instrument))
            .Select(o => new InstrumentOutcomeDto(o.Instrument, o.Instrument.Describe(), o.Baseline?.Total, o.Baseline?.TakenAtUtc, o.End?.Total, o.End?.TakenAtUtc,
                o.Change, o.Response, o.Remission, o.HasRemissionRule, o.IsComputable, o.GapText))
            .ToList();
        var notRecorded = CourseOutcome.Instruments.Where(i => !recorded.Contains(i)).Select(i => i.Describe()).ToList();

        var name = people.Patient.PreferredName is null ? people.Patient.LegalName : $"{people.Patient.PreferredName} ({people.Patient.LegalName})";
        return new CourseSummaryDto(course.Id, name, people.Therapist ?? "", people.Prescriber ?? "", course.Indications, course.Phase, course.PhaseBeforeHold,
            course.OpenedAtUtc, closedAt, course.DiscontinuedReason, sessions, doses, byRoute, withoutDose, adverse, outcomes, notRecorded, threshold,
            clock.GetUtcNow().UtcDateTime);
    }

    private static string Shorten(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= SummaryLength ? flat : string.Concat(flat.AsSpan(0, SummaryLength - 1).TrimEnd(), "…");
    }
}
