using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Courses.GetCourse;

[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetCourseQuery(Guid CourseId) : IQuery<Result<CourseDetailDto>>, IReadsHealthInformation;

public enum PhaseStatus
{
    NotStarted,
    Current,
    Done,
}

public sealed record PhaseStepDto(CoursePhase Phase, PhaseStatus Status, DateTime? EnteredAtUtc);

public sealed record PhaseChangeDto(CoursePhase From, CoursePhase To, DateTime AtUtc, string ByName, string? Reason);

public sealed record PlanRevisionDto(int Number, PlanRevisionKind Kind, int DosingSessionsBefore, int DosingSessionsAfter, string Reason, DateTime AtUtc, string ByName);

public sealed record CourseDetailDto(
    Guid Id,
    Guid Version,
    Guid PatientId,
    string PatientName,
    CoursePhase Phase,
    CoursePhase? PhaseBeforeHold,
    DateTime PhaseChangedAtUtc,
    string? DiscontinuedReason,
    Indication Indications,
    CoursePlan Plan,
    Guid PrimaryTherapistId,
    string TherapistName,
    Guid PrescriberId,
    string PrescriberName,
    DateTime OpenedAtUtc,
    string NextStep,
    IReadOnlyList<PhaseStepDto> Timeline,
    IReadOnlyList<PhaseChangeDto> History,
    IReadOnlyList<CoursePhase> AllowedTargets,
    IReadOnlyList<PlanRevisionDto> Revisions)
{
    /// <summary>The series is over (Integration or Completed): maintenance dosing may be added as a plan revision.</summary>
    public bool CanAddMaintenance => Phase is CoursePhase.Integration or CoursePhase.Completed;
}

public sealed class GetCourseHandler(IOperationContext context, PatientAccess access) : IQueryHandler<GetCourseQuery, Result<CourseDetailDto>>
{
    private static readonly CoursePhase[] MainPath =
        [CoursePhase.Referred, CoursePhase.Screening, CoursePhase.Preparation, CoursePhase.Dosing, CoursePhase.Integration, CoursePhase.Completed];

    public async ValueTask<Result<CourseDetailDto>> Handle(GetCourseQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var row = await access.Courses(db, op.User).AsNoTracking()
            .Where(c => c.Id == query.CourseId)
            .Select(c => new
            {
                Course = c,
                Patient = db.Patients.Where(p => p.Id == c.PatientId).Select(p => new { p.LegalName, p.PreferredName }).First(),
                Therapist = db.Users.Where(u => u.Id == c.PrimaryTherapistId).Select(u => u.DisplayName).FirstOrDefault(),
                Prescriber = db.Users.Where(u => u.Id == c.PrescriberId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            op.Subject(nameof(Course), query.CourseId, null);
            return Error.NotFound("The course");
        }

        var c = row.Course;
        op.Subject(nameof(Course), c.Id, c.PatientId);
        var history = await db.Courses.AsNoTracking().Where(x => x.Id == c.Id)
            .SelectMany(x => x.History)
            .OrderBy(h => h.AtUtc)
            .Select(h => new { h.From, h.To, h.AtUtc, h.Reason, By = db.Users.Where(u => u.Id == h.ByUserId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);

        var revisions = await db.Courses.AsNoTracking().Where(x => x.Id == c.Id)
            .SelectMany(x => x.Revisions)
            .OrderBy(r => r.Number)
            .Select(r => new PlanRevisionDto(r.Number, r.Kind, r.DosingSessionsBefore, r.DosingSessionsAfter, r.Reason, r.AtUtc,
                db.Users.Where(u => u.Id == r.ByUserId).Select(u => u.DisplayName).FirstOrDefault() ?? ""))
            .ToListAsync(cancellationToken);

        var entered = new Dictionary<CoursePhase, DateTime> { [CoursePhase.Referred] = c.OpenedAtUtc };
        foreach (var h in history.Where(h => MainPath.Contains(h.To)))
        {
            entered.TryAdd(h.To, h.AtUtc);
        }

        // The phase on the main path the course has reached: an on-hold course sits where it left off.
        var reached = c.Phase switch
        {
            CoursePhase.OnHold => c.PhaseBeforeHold ?? CoursePhase.Referred,
            CoursePhase.Discontinued => history.LastOrDefault(h => MainPath.Contains(h.From))?.From ?? CoursePhase.Referred,
            _ => c.Phase,
        };
        var reachedIndex = Array.IndexOf(MainPath, reached);
        var timeline = MainPath.Select((phase, i) => new PhaseStepDto(
            phase,
            i < reachedIndex || (phase == CoursePhase.Completed && c.Phase == CoursePhase.Completed) ? PhaseStatus.Done
                : i == reachedIndex && !CourseStateMachine.IsClosed(c.Phase) ? PhaseStatus.Current
                : i == reachedIndex ? PhaseStatus.Done : PhaseStatus.NotStarted,
            entered.TryGetValue(phase, out var at) ? at : null)).ToList();

        var allowed = Enum.GetValues<CoursePhase>()
            .Where(t => CourseStateMachine.CheckTransition(c.Phase, t, c.PhaseBeforeHold).IsSuccess)
            .ToList();

        var name = row.Patient.PreferredName is null ? row.Patient.LegalName : $"{row.Patient.PreferredName} ({row.Patient.LegalName})";
        return new CourseDetailDto(c.Id, c.Version, c.PatientId, name, c.Phase, c.PhaseBeforeHold, c.PhaseChangedAtUtc, c.DiscontinuedReason,
            c.Indications, c.Plan, c.PrimaryTherapistId, row.Therapist ?? "", c.PrescriberId, row.Prescriber ?? "", c.OpenedAtUtc, Course.NextStep(c.Phase, c.PhaseBeforeHold), timeline,
            history.Select(h => new PhaseChangeDto(h.From, h.To, h.AtUtc, h.By ?? "", h.Reason)).ToList(), allowed, revisions);
    }
}
