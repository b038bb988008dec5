using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Microsoft.Extensions.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Courses.ChangeCoursePhase;
using Kap.Domain.Courses;
using Kap.Domain.Screening;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Preparation.GetPreparation;

/// <summary>A course's preparation: the gate checklist, screening, consent, preparation notes and risk assessments.</summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetPreparationQuery(Guid CourseId) : IQuery<Result<PreparationDto>>, IReadsHealthInformation;

public sealed record GateItemDto(string Label, bool Met);

public sealed record SuitabilityDto(SuitabilityDecision Decision, string? Note, string PriorTreatments, bool WillingForDeepEmotionalWork, string SupportNetwork,
    string Goals, string AssessedBy, DateTime AssessedAtUtc);

/// <param name="AwaitingCountersignAtUtc">The patient signed the current version in the portal at this time; a clinician countersigns it.</param>
public sealed record ConsentStatusDto(int? CurrentVersion, string? CurrentTitle, int? SignedVersion, DateTime? SignedAtUtc, string? SignedName, bool IsCurrent,
    DateTime? AwaitingCountersignAtUtc = null, string? AwaitingCountersignName = null);

public sealed record PreparationNoteDto(Guid Id, string Intentions, string? Notes, string RecordedBy, DateTime RecordedAtUtc);

public sealed record RiskAssessmentDto(RiskAssessmentOutcome Outcome, string Note, string AssessedBy, DateTime AssessedAtUtc);

public sealed record PreparationDto(
    IReadOnlyList<GateItemDto> Gate,
    bool GateMet,
    SuitabilityDto? Suitability,
    ConsentStatusDto Consent,
    int PlannedPreparationSessions,
    IReadOnlyList<PreparationNoteDto> Notes,
    IReadOnlyList<RiskAssessmentDto> RiskAssessments,
    bool RiskAssessmentPending);

public sealed class GetPreparationHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IOptionsMonitor<ClinicalOptions> clinical)
    : IQueryHandler<GetPreparationQuery, Result<PreparationDto>>
{
    public async ValueTask<Result<PreparationDto>> Handle(GetPreparationQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, query.CourseId, "Preparation", cancellationToken, query.CourseId);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var readiness = await DosingGate.EvaluateAsync(db, course, clock.GetUtcNow().UtcDateTime, clinical.CurrentValue.ClearanceValidityDays, cancellationToken);
        var gate = new[]
        {
            new GateItemDto("Medical clearance signed by the nurse practitioner", readiness.ClearanceSigned),
            new GateItemDto("Informed consent signed for the current version", readiness.ConsentCurrent),
            new GateItemDto("Baseline measures recorded (PHQ-9, GAD-7, C-SSRS; PCL-5 where trauma is a focus)", readiness.BaselineMeasuresRecorded),
            new GateItemDto($"{course.Plan.PreparationSessions} preparation session(s) completed with intentions", readiness.PreparationSessionsCompleted),
            new GateItemDto("Support person / escort named with contact details", readiness.SupportPersonNamed),
        };
        if (readiness.RiskAssessmentPending)
        {
            gate = [.. gate, new GateItemDto("Risk assessment after the latest suicide-risk alert", false)];
        }

        var suitability = await db.SuitabilityAssessments.AsNoTracking().Where(a => a.CourseId == course.Id).OrderByDescending(a => a.AssessedAtUtc)
            .Select(a => new SuitabilityDto(a.Decision, a.Note, a.PriorTreatments, a.WillingForDeepEmotionalWork, a.SupportNetwork, a.Goals,
                db.Users.Where(u => u.Id == a.AssessedBy).Select(u => u.DisplayName).FirstOrDefault() ?? "", a.AssessedAtUtc))
            .FirstOrDefaultAsync(cancellationToken);

        var current = await db.ConsentDocuments.AsNoTracking().OrderByDescending(d => d.VersionNumber)
            .Select(d => new { d.VersionNumber, d.Title }).FirstOrDefaultAsync(cancellationToken);
        var signed = await db.ConsentSignatures.AsNoTracking().Where(s => s.CourseId == course.Id && s.ClinicianSignedAtUtc != null)
            .OrderByDescending(s => s.VersionNumber).Select(s => new { s.VersionNumber, s.PatientSignedAtUtc, s.PatientTypedName })
            .FirstOrDefaultAsync(cancellationToken);
        var pending = current is null ? null : await db.ConsentSignatures.AsNoTracking()
            .Where(s => s.CourseId == course.Id && s.VersionNumber == current.VersionNumber && s.ClinicianSignedAtUtc == null)
            .Select(s => new { s.PatientSignedAtUtc, s.PatientTypedName }).FirstOrDefaultAsync(cancellationToken);
        var consent = new ConsentStatusDto(current?.VersionNumber, current?.Title, signed?.VersionNumber, signed?.PatientSignedAtUtc, signed?.PatientTypedName,
            readiness.ConsentCurrent, readiness.ConsentCurrent ? null : pending?.PatientSignedAtUtc, readiness.ConsentCurrent ? null : pending?.PatientTypedName);

        var notes = await db.PreparationNotes.AsNoTracking().Where(n => n.CourseId == course.Id).OrderBy(n => n.RecordedAtUtc)
            .Select(n => new PreparationNoteDto(n.Id, n.Intentions, n.Notes, db.Users.Where(u => u.Id == n.RecordedBy).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                n.RecordedAtUtc))
            .ToListAsync(cancellationToken);
        var risks = await db.RiskAssessments.AsNoTracking().Where(r => r.CourseId == course.Id).OrderByDescending(r => r.AssessedAtUtc)
            .Select(r => new RiskAssessmentDto(r.Outcome, r.Note, db.Users.Where(u => u.Id == r.AssessedBy).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                r.AssessedAtUtc))
            .ToListAsync(cancellationToken);

        return new PreparationDto(gate, readiness.IsMet, suitability, consent, course.Plan.PreparationSessions, notes, risks, readiness.RiskAssessmentPending);
    }
}
