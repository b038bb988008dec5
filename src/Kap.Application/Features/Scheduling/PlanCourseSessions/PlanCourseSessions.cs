using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Scheduling.PlanCourseSessions;

/// <summary>Drafts a course's sessions from its plan (nothing is booked): the clinician adjusts the draft, then books it.</summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record PlanCourseSessionsQuery(
    Guid CourseId,
    DateOnly PreparationStart,
    TimeOnly PreparationTime,
    int PreparationEveryDays,
    DateOnly DosingStart,
    TimeOnly DosingTime,
    int DosingPerWeek,
    int IntegrationDaysAfterDose,
    TimeOnly IntegrationTime) : IQuery<Result<IReadOnlyList<DraftSession>>>;

public sealed class PlanCourseSessionsValidator : AbstractValidator<PlanCourseSessionsQuery>
{
    public PlanCourseSessionsValidator()
    {
        RuleFor(x => x.PreparationEveryDays).InclusiveBetween(1, 28).WithMessage("Space preparation sessions 1 to 28 days apart.");
        RuleFor(x => x.DosingPerWeek).InclusiveBetween(1, 3).WithMessage("Plan 1, 2 or 3 dosing sessions a week.");
        RuleFor(x => x.IntegrationDaysAfterDose).InclusiveBetween(1, 7).WithMessage("Hold integration 1 to 7 days after each dose.");
        RuleFor(x => x.DosingStart).GreaterThanOrEqualTo(x => x.PreparationStart).WithMessage("Dosing starts after preparation begins.");
    }
}

public sealed class PlanCourseSessionsHandler(IOperationContext context, PatientAccess access) : IQueryHandler<PlanCourseSessionsQuery, Result<IReadOnlyList<DraftSession>>>
{
    public async ValueTask<Result<IReadOnlyList<DraftSession>>> Handle(PlanCourseSessionsQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var course = await access.VisibleCourseAsync(op, query.CourseId, "Course", cancellationToken, query.CourseId);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var draft = SessionPlanner.Draft(new SessionPlanRequest(course.Plan, query.PreparationStart, query.PreparationTime, query.PreparationEveryDays,
            query.DosingStart, query.DosingTime, query.DosingPerWeek, query.IntegrationDaysAfterDose, query.IntegrationTime));
        return Result<IReadOnlyList<DraftSession>>.Success(draft);
    }
}
