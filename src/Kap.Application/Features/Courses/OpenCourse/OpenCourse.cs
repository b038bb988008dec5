using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Courses.OpenCourse;

/// <summary>Opens a treatment course for a patient. It starts in Referred.</summary>
[RequiresPolicy(KapPolicies.ManagesCourses)]
public sealed record OpenCourseCommand(
    Guid PatientId,
    Guid PrimaryTherapistId,
    Guid PrescriberId,
    Indication Indications,
    int PreparationSessions,
    int DosingSessions,
    int IntegrationSessionsPerDose,
    int IntegrationSessionsAfterSeries) : ICommand<Result<Guid>>
{
    public CoursePlan Plan => new(PreparationSessions, DosingSessions, IntegrationSessionsPerDose, IntegrationSessionsAfterSeries);
}

public sealed class OpenCourseHandler(IOperationContext context, PatientAccess access, TimeProvider clock) : ICommandHandler<OpenCourseCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(OpenCourseCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject(nameof(Course), null, command.PatientId);

        var patientVisible = await access.Patients(db.Patients, db, op.User).AnyAsync(p => p.Id == command.PatientId, cancellationToken);
        if (!patientVisible)
        {
            return Error.NotFound("The patient");
        }

        if (await db.Courses.AnyAsync(c => c.PatientId == command.PatientId && c.Phase != CoursePhase.Completed && c.Phase != CoursePhase.Discontinued, cancellationToken))
        {
            return Error.Rule("This patient already has an open course. Complete or discontinue it before opening another.");
        }

        var fields = new Dictionary<string, string[]>();
        if (!await HasRoleAsync(db, command.PrimaryTherapistId, KapRoles.Therapist, cancellationToken))
        {
            fields[nameof(command.PrimaryTherapistId)] = ["Choose an active therapist as the primary therapist."];
        }

        if (!await HasRoleAsync(db, command.PrescriberId, KapRoles.NursePractitioner, cancellationToken))
        {
            fields[nameof(command.PrescriberId)] = ["Choose an active nurse practitioner as the prescriber."];
        }

        if (fields.Count > 0)
        {
            return new Error(ErrorKind.Validation, "Please correct the highlighted fields.", fields);
        }

        var course = new Course(command.PatientId, command.PrimaryTherapistId, command.PrescriberId, command.Indications, command.Plan,
            clock.GetUtcNow().UtcDateTime, op.User.RequiredId);
        db.Courses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(Course), course.Id, command.PatientId);
        return course.Id;
    }

    private static Task<bool> HasRoleAsync(IKapDbContext db, Guid userId, string role, CancellationToken cancellationToken) =>
        (from ur in db.UserRoles
         join r in db.Roles on ur.RoleId equals r.Id
         join u in db.Users on ur.UserId equals u.Id
         where ur.UserId == userId && r.Name == role && u.IsActive
         select ur).AnyAsync(cancellationToken);
}
