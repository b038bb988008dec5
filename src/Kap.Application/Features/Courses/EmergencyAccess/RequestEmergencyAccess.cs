using FluentValidation;
using Kap.Application.Common.Options;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
using Kap.Domain.Reminders;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Courses.EmergencyAccess;

/// <summary>
/// "Break the glass" (issue 8): a therapist or NP opens a course outside their assignment with a reason. The grant
/// lasts <see cref="SecurityOptions.EmergencyAccessHours"/> (4), is audited (<c>break-glass</c>) and every admin is told at once.
/// </summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record RequestEmergencyAccessCommand(Guid CourseId, string Reason) : ICommand<Result<DateTime>>;

public sealed class RequestEmergencyAccessValidator : AbstractValidator<RequestEmergencyAccessCommand>
{
    public RequestEmergencyAccessValidator()
    {
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.Reason).Custom((reason, context) =>
        {
            var check = Kap.Domain.Auditing.EmergencyAccess.CheckReason(reason);
            if (!check.IsSuccess)
            {
                context.AddFailure(nameof(RequestEmergencyAccessCommand.Reason), check.Problems[0]);
            }
        });
    }
}

public sealed class RequestEmergencyAccessHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IOptionsMonitor<SecurityOptions> security)
    : ICommandHandler<RequestEmergencyAccessCommand, Result<DateTime>>
{
    public async ValueTask<Result<DateTime>> Handle(RequestEmergencyAccessCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == command.CourseId).Select(c => new { c.Id, c.PatientId }).SingleOrDefaultAsync(cancellationToken);
        op.Subject(nameof(Course), command.CourseId, course?.PatientId);
        if (course is null || op.User.IsAdmin)
        {
            return course is null ? Error.NotFound("The course") : Error.Rule("Administrators already see every course.");
        }

        if (await access.Courses(db, op.User).AnyAsync(c => c.Id == course.Id, cancellationToken))
        {
            return Error.Rule("You already have access to this course; no emergency access is needed.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var grant = new Kap.Domain.Auditing.EmergencyAccess(op.User.RequiredId, course.Id, course.PatientId, command.Reason, now,
            TimeSpan.FromHours(security.CurrentValue.EmergencyAccessHours));
        db.EmergencyAccesses.Add(grant);

        var who = await db.Users.Where(u => u.Id == op.User.Id).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? op.User.UserName ?? "A clinician";
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == KapRoles.Admin
                            select u.Id).ToListAsync(cancellationToken);
        foreach (var admin in admins)
        {
            db.InboxMessages.Add(new InboxMessage(admin, "Emergency access to a patient record",
                $"{who} opened a course outside their assignment (emergency access until {grant.ExpiresAtUtc:yyyy-MM-dd HH:mm} UTC).\nReason given: {grant.Reason}\nCourse: /courses/{course.Id}",
                now, reminderId: null));
        }

        op.Note("break-glass");
        await db.SaveChangesAsync(cancellationToken);
        return grant.ExpiresAtUtc;
    }
}
