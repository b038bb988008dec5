using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Screening;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Preparation.RiskAssessment;

/// <summary>A clinician's suicide-risk assessment; "safe to continue" lifts the block on dosing that a risk alert set.</summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record RecordRiskAssessmentCommand(Guid CourseId, RiskAssessmentOutcome Outcome, string Note) : ICommand<Result<Guid>>;

public sealed class RecordRiskAssessmentValidator : AbstractValidator<RecordRiskAssessmentCommand>
{
    public RecordRiskAssessmentValidator()
    {
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.Outcome).IsInEnum();
        RuleFor(x => x.Note).NotEmpty().WithMessage("Record the assessment and the safety plan.").MaximumLength(10_000);
    }
}

public sealed class RecordRiskAssessmentHandler(IOperationContext context, PatientAccess access, TimeProvider clock) : ICommandHandler<RecordRiskAssessmentCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RecordRiskAssessmentCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var course = await access.VisibleCourseAsync(op, command.CourseId, nameof(Kap.Domain.Screening.RiskAssessment), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var assessment = new Kap.Domain.Screening.RiskAssessment(course.Id, command.Outcome, command.Note, op.User.RequiredId, clock.GetUtcNow().UtcDateTime);
        op.Db.RiskAssessments.Add(assessment);
        await op.Db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(Kap.Domain.Screening.RiskAssessment), assessment.Id, course.PatientId);
        return assessment.Id;
    }
}
