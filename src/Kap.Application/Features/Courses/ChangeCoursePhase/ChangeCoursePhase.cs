using FluentValidation;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
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

public sealed class ChangeCoursePhaseHandler(IOperationContext context, PatientAccess access, TimeProvider clock) : ICommandHandler<ChangeCoursePhaseCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(ChangeCoursePhaseCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.Courses(db.Courses, op.User).Include(c => c.History)
            .SingleOrDefaultAsync(c => c.Id == command.CourseId, cancellationToken);
        if (course is null)
        {
            op.Subject(nameof(Course), command.CourseId, null);
            return Error.NotFound("The course");
        }

        op.Subject(nameof(Course), course.Id, course.PatientId);
        db.Entry(course).Property(c => c.Version).OriginalValue = command.Version;

        DosingReadiness? readiness = null;
        if (command.Target == CoursePhase.Dosing)
        {
            readiness = await DosingGate.EvaluateAsync(db, course, cancellationToken);
        }

        var result = course.TransitionTo(command.Target, clock.GetUtcNow().UtcDateTime, op.User.RequiredId, command.Reason, readiness);
        if (!result.IsSuccess)
        {
            return Error.Rule(result.Problems.Count == 1 ? result.Problems[0] : "The course cannot move yet:", result.Problems);
        }

        await db.SaveChangesAsync(cancellationToken);
        return course.Version;
    }
}

/// <summary>
/// Gathers what the gate to Dosing needs (domain.md §2). Clearance, consent, baseline measures and
/// preparation sessions arrive with the preparation feature; until a course has them they count as missing.
/// </summary>
public static class DosingGate
{
    public static async Task<DosingReadiness> EvaluateAsync(IKapDbContext db, Course course, CancellationToken cancellationToken)
    {
        var support = await db.Patients.Where(p => p.Id == course.PatientId)
            .Select(p => new { p.SupportPerson.Name, p.SupportPerson.Phone })
            .SingleAsync(cancellationToken);
        return new DosingReadiness(
            ClearanceSigned: false,
            ConsentCurrent: false,
            BaselineMeasuresRecorded: false,
            PreparationSessionsCompleted: false,
            SupportPersonNamed: !string.IsNullOrWhiteSpace(support.Name) && !string.IsNullOrWhiteSpace(support.Phone));
    }
}
