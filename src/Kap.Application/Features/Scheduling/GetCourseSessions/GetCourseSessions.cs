using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Scheduling.Common;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Scheduling.GetCourseSessions;

/// <summary>A course's sessions with their planned and sent reminders, for its timeline.</summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetCourseSessionsQuery(Guid CourseId) : IQuery<Result<CourseSessionsDto>>, IReadsHealthInformation;

/// <summary><see cref="DosesWithoutIntegration"/>: dosing sessions with no integration session booked within the clinic's window after them.</summary>
public sealed record CourseSessionsDto(IReadOnlyList<AppointmentDto> Appointments, IReadOnlyList<ReminderDto> Reminders, IReadOnlyList<Guid> DosesWithoutIntegration);

public sealed class GetCourseSessionsHandler(IOperationContext context, PatientAccess access, IOptionsMonitor<ReminderOptions> reminderOptions)
    : IQueryHandler<GetCourseSessionsQuery, Result<CourseSessionsDto>>
{
    public async ValueTask<Result<CourseSessionsDto>> Handle(GetCourseSessionsQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.Courses(db, op.User).AsNoTracking().Where(c => c.Id == query.CourseId)
            .Select(c => new { c.Id, c.PatientId }).SingleOrDefaultAsync(cancellationToken);
        op.Subject("Course", query.CourseId, course?.PatientId);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var appointments = await AppointmentQueries.Project(db, db.Appointments.Where(a => a.CourseId == course.Id).OrderBy(a => a.StartUtc), namesVisible: true)
            .ToListAsync(cancellationToken);
        var reminders = await AppointmentQueries.Reminders(db, db.Reminders.Where(r => r.CourseId == course.Id).OrderBy(r => r.DueUtc)).ToListAsync(cancellationToken);

        var window = TimeSpan.FromHours(reminderOptions.CurrentValue.IntegrationBookedWithinHours);
        var live = appointments.Where(a => a.Status != AppointmentStatus.Cancelled).ToList();
        var missing = live.Where(d => d.Kind == AppointmentKind.Dosing
                && !live.Any(i => i.Kind == AppointmentKind.Integration && i.StartUtc >= d.EndUtc && i.StartUtc <= d.EndUtc + window))
            .Select(d => d.Id).ToList();
        return new CourseSessionsDto(appointments, reminders, missing);
    }
}
