using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
using Kap.Domain.Reminders;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Courses.AddMaintenanceDosing;

/// <summary>
/// Adds maintenance (booster) dosing sessions to a course after its series, as a new plan revision
/// (domain.md §1): the course re-enters Dosing with more planned sessions. The revision is audited with its
/// reason; each session still passes every pre-dose gate. The post-course follow-ups not yet sent are withdrawn
/// and planned again when the course completes once more.
/// </summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record AddMaintenanceDosingCommand(Guid CourseId, Guid Version, int AdditionalSessions, string Reason) : ICommand<Result<Guid>>;

public sealed class AddMaintenanceDosingValidator : AbstractValidator<AddMaintenanceDosingCommand>
{
    public AddMaintenanceDosingValidator()
    {
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.AdditionalSessions).InclusiveBetween(1, Course.MaxMaintenanceSessionsPerRevision)
            .WithMessage($"Add between 1 and {Course.MaxMaintenanceSessionsPerRevision} maintenance sessions at a time.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give the clinical reason for maintenance dosing.")
            .MaximumLength(900).WithMessage("Keep the reason under 900 characters.");
    }
}

public sealed class AddMaintenanceDosingHandler(IOperationContext context, PatientAccess access, TimeProvider clock)
    : ICommandHandler<AddMaintenanceDosingCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(AddMaintenanceDosingCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.Courses(db, op.User).Include(c => c.History).Include(c => c.Revisions)
            .SingleOrDefaultAsync(c => c.Id == command.CourseId, cancellationToken);
        if (course is null)
        {
            op.Subject(nameof(Course), command.CourseId, null);
            return Error.NotFound("The course");
        }

        op.Subject(nameof(Course), course.Id, course.PatientId);
        db.Entry(course).Property(c => c.Version).OriginalValue = command.Version;

        var now = clock.GetUtcNow().UtcDateTime;
        var result = course.AddMaintenanceDosing(command.AdditionalSessions, command.Reason, now, op.User.RequiredId);
        if (!result.IsSuccess)
        {
            return Error.Rule(result.Problems.Count == 1 ? result.Problems[0] : "Maintenance dosing cannot be added:", result.Problems);
        }

        var followUps = await db.Reminders
            .Where(r => r.CourseId == course.Id && r.Kind == ReminderKind.FollowUpMeasures && (r.Status == ReminderStatus.Planned || r.Status == ReminderStatus.Failed))
            .ToListAsync(cancellationToken);
        foreach (var reminder in followUps)
        {
            reminder.Withdraw("Maintenance dosing was added; the follow-ups are planned again when the course completes.");
        }

        op.Note($"plan-revision {course.Revisions[^1].Number}");
        await db.SaveChangesAsync(cancellationToken);
        return course.Version;
    }
}
