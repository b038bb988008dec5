using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
using Kap.Domain.Screening;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Preparation.Screening;

/// <summary>The therapist's suitability screening and decision (domain.md §2). The latest decision counts.</summary>
[RequiresPolicy(KapPolicies.ManagesCourses)]
public sealed record RecordSuitabilityCommand(
    Guid CourseId,
    string PriorTreatments,
    bool WillingForDeepEmotionalWork,
    string SupportNetwork,
    string Goals,
    SuitabilityDecision Decision,
    string? Note) : ICommand<Result<Guid>>;

public sealed class RecordSuitabilityValidator : AbstractValidator<RecordSuitabilityCommand>
{
    public RecordSuitabilityValidator()
    {
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.PriorTreatments).NotEmpty().WithMessage("Record the treatments tried before and how they went.").MaximumLength(4000);
        RuleFor(x => x.SupportNetwork).NotEmpty().WithMessage("Describe the patient's support network.").MaximumLength(4000);
        RuleFor(x => x.Goals).NotEmpty().WithMessage("Record the patient's goals.").MaximumLength(4000);
        RuleFor(x => x.Decision).IsInEnum();
        RuleFor(x => x.Note).NotEmpty().When(x => x.Decision != SuitabilityDecision.Suitable)
            .WithMessage("Explain a decision other than suitable.").MaximumLength(4000);
    }
}

public sealed class RecordSuitabilityHandler(IOperationContext context, PatientAccess access, TimeProvider clock) : ICommandHandler<RecordSuitabilityCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RecordSuitabilityCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var course = await access.VisibleCourseAsync(op, command.CourseId, nameof(SuitabilityAssessment), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        if (CourseStateMachine.IsClosed(course.Phase))
        {
            return Error.Rule("The course is closed.");
        }

        var assessment = new SuitabilityAssessment(course.Id, command.PriorTreatments, command.WillingForDeepEmotionalWork, command.SupportNetwork,
            command.Goals, command.Decision, command.Note, op.User.RequiredId, clock.GetUtcNow().UtcDateTime);
        op.Db.SuitabilityAssessments.Add(assessment);
        await op.Db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(SuitabilityAssessment), assessment.Id, course.PatientId);
        return assessment.Id;
    }
}
