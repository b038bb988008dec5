using FluentValidation;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Common.Options;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Features.Preparation.Clearance;
using Kap.Application.Features.Reminders.Common;
using Microsoft.Extensions.Options;
using Kap.Domain.Courses;
using Kap.Domain.Reminders;
using Kap.Domain.Screening;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Courses.ChangeCoursePhase;

/// <summary>
/// Moves a course to another phase through the state machine (domain.md §1). Entering Dosing checks the
/// preparation gate; holding and discontinuing need a reason.
/// </summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record ChangeCoursePhaseCommand(Guid CourseId, Guid Version, CoursePhase Target, string? Reason) : ICommand<Result<Guid>>;

public sealed class ChangeCoursePhaseValidator : AbstractValidator<ChangeCoursePhaseCommand>
{
    public ChangeCoursePhaseValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.Target).IsInEnum();
        RuleFor(x => x.Reason).MaximumLength(1000).WithMessage("Keep the reason under 1000 characters.");
    }
}

public sealed partial class ChangeCoursePhaseHandler(
    IOperationContext context, PatientAccess access, TimeProvider clock, ReminderScheduler reminders, IOptionsMonitor<ClinicalOptions> clinical)
    : ICommandHandler<ChangeCoursePhaseCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(ChangeCoursePhaseCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.Courses(db, op.User).Include(c => c.History)
            .SingleOrDefaultAsync(c => c.Id == command.CourseId, cancellationToken);
        if (course is null)
        {
            op.Subject(nameof(Course), command.CourseId, null);
            return Error.NotFound("The course");
        }

        op.Subject(nameof(Course), course.Id, course.PatientId);
        db.Entry(course).Property(c => c.Version).OriginalValue = command.Version;

        if (command.Target == CoursePhase.Preparation && course.Phase == CoursePhase.Screening)
        {
            var decision = await db.SuitabilityAssessments.Where(a => a.CourseId == course.Id).OrderByDescending(a => a.AssessedAtUtc)
                .Select(a => (SuitabilityDecision?)a.Decision).FirstOrDefaultAsync(cancellationToken);
            if (decision != SuitabilityDecision.Suitable)
            {
                return Error.Rule(decision is null
                    ? "Record the suitability screening before Preparation: the course moves on only when the patient is found suitable."
                    : $"The latest screening decision is \"{DescribeDecision(decision.Value)}\"; the course moves to Preparation only when the patient is found suitable.");
            }
        }

        if (command.Target is CoursePhase.Integration or CoursePhase.Completed
            && await db.DosingSessions.AnyAsync(s => s.CourseId == course.Id && s.Status == Kap.Domain.Dosing.DosingSessionStatus.InProgress, cancellationToken))
        {
            return Error.Rule($"A dosing session of this course is still in progress: discharge it (or end it without a dose) before the course moves to {CourseStateMachine.Describe(command.Target)}.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        DosingReadiness? readiness = null;
        if (command.Target == CoursePhase.Dosing)
        {
            readiness = await DosingGate.EvaluateAsync(db, course, now, clinical.CurrentValue.ClearanceValidityDays, cancellationToken);
        }

        var result = course.TransitionTo(command.Target, now, op.User.RequiredId, command.Reason, readiness);
        if (!result.IsSuccess)
        {
            return Error.Rule(result.Problems.Count == 1 ? result.Problems[0] : "The course cannot move yet:", result.Problems);
        }

        if (command.Target == CoursePhase.Completed)
        {
            // Post-course outcome measures at 1 and 3 months (domain.md §5) are planned now, never remembered by a person.
            await reminders.PlanFollowUpsAsync(db, course, now, cancellationToken);
        }
        else if (command.Target == CoursePhase.Discontinued)
        {
            await WithdrawOpenRemindersAsync(db, course.Id, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return course.Version;
    }
}

public sealed partial class ChangeCoursePhaseHandler
{
    private static string DescribeDecision(SuitabilityDecision decision) => decision switch
    {
        SuitabilityDecision.NotSuitable => "not suitable",
        SuitabilityDecision.NeedsMedicalReview => "needs medical review",
        _ => "suitable",
    };

    /// <summary>A discontinued course's future sessions keep their bookings for staff to cancel, but no more reminders go out for it.</summary>
    private static async Task WithdrawOpenRemindersAsync(IKapDbContext db, Guid courseId, CancellationToken cancellationToken)
    {
        var open = await db.Reminders.Where(r => r.CourseId == courseId && (r.Status == ReminderStatus.Planned || r.Status == ReminderStatus.Failed))
            .ToListAsync(cancellationToken);
        foreach (var reminder in open)
        {
            reminder.Withdraw("The course was discontinued.");
        }
    }
}

/// <summary>Gathers what the gate to Dosing needs (domain.md §2): the five items, and no risk alert without an assessment since.</summary>
public static class DosingGate
{
    public static async Task<DosingReadiness> EvaluateAsync(IKapDbContext db, Course course, DateTime nowUtc, int clearanceValidityDays, CancellationToken cancellationToken)
    {
        var support = await db.Patients.Where(p => p.Id == course.PatientId)
            .Select(p => new { p.SupportPerson.Name, p.SupportPerson.Phone })
            .SingleAsync(cancellationToken);
        var latestConsent = await db.ConsentDocuments.MaxAsync(d => (int?)d.VersionNumber, cancellationToken);
        var consentCurrent = latestConsent is { } version
            && await db.ConsentSignatures.AnyAsync(s => s.CourseId == course.Id && s.VersionNumber == version && s.ClinicianSignedAtUtc != null, cancellationToken);
        var preparationSessions = await db.PreparationNotes.CountAsync(n => n.CourseId == course.Id, cancellationToken);
        var clearance = await ClearanceQueries.IsSignedAndCurrentAsync(db, course.Id, nowUtc, clearanceValidityDays, cancellationToken);
        var (baseline, riskPending) = await BaselineMeasures.EvaluateAsync(db, course, cancellationToken);
        return new DosingReadiness(
            ClearanceSigned: clearance,
            ConsentCurrent: consentCurrent,
            BaselineMeasuresRecorded: baseline,
            PreparationSessionsCompleted: preparationSessions >= course.Plan.PreparationSessions,
            SupportPersonNamed: !string.IsNullOrWhiteSpace(support.Name) && !string.IsNullOrWhiteSpace(support.Phone),
            RiskAssessmentPending: riskPending);
    }
}
