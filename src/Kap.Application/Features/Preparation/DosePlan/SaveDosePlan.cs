using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Preparation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Preparation.DosePlan;

/// <summary>
/// The prescribing NP's dose plan: route, basis, amount and infusion minutes. Anaesthetic ranges are
/// refused outright; above the clinic's ceiling needs a written override reason (domain.md §3).
/// </summary>
[RequiresPolicy(KapPolicies.Prescriber)]
public sealed record SaveDosePlanCommand(Guid CourseId, Route Route, DoseBasis Basis, decimal PlannedAmount, int? InfusionMinutes, string? CeilingOverrideReason)
    : ICommand<Result<Guid>>;

[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetDosePlanQuery(Guid CourseId) : IQuery<Result<DosePlanDto?>>, IReadsHealthInformation;

public sealed record DosePlanDto(Guid Id, Route Route, DoseBasis Basis, decimal PlannedAmount, int? InfusionMinutes, string Description, decimal? Ceiling,
    string? CeilingOverrideReason, DateTime PlannedAtUtc, string? PatientMedicationInstructions = null);

/// <summary>The prescriber's medication instructions to the patient before each dosing session, shown in the portal with the session.</summary>
[RequiresPolicy(KapPolicies.Prescriber)]
public sealed record SetPatientMedicationInstructionsCommand(Guid CourseId, string? Text) : ICommand<Result<Guid>>;

public sealed class SetPatientMedicationInstructionsValidator : AbstractValidator<SetPatientMedicationInstructionsCommand>
{
    public SetPatientMedicationInstructionsValidator()
    {
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.Text).MaximumLength(Kap.Domain.Preparation.DosePlan.MaxPatientInstructionsLength).WithMessage($"Keep the instructions under {Kap.Domain.Preparation.DosePlan.MaxPatientInstructionsLength} characters.");
    }
}

public sealed class SetPatientMedicationInstructionsHandler(IOperationContext context, PatientAccess access) : ICommandHandler<SetPatientMedicationInstructionsCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(SetPatientMedicationInstructionsCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var course = await access.VisibleCourseAsync(op, command.CourseId, nameof(DosePlan), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        if (course.PrescriberId != op.User.RequiredId)
        {
            return Error.Rule("Only the course's prescribing nurse practitioner gives the patient medication instructions.");
        }

        var plan = await op.Db.DosePlans.SingleOrDefaultAsync(p => p.CourseId == course.Id, cancellationToken);
        if (plan is null)
        {
            return Error.Rule("Set the dose plan first; the medication instructions go with it.");
        }

        plan.SetPatientMedicationInstructions(command.Text);
        await op.Db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(DosePlan), plan.Id, course.PatientId);
        return plan.Id;
    }
}

public sealed class SaveDosePlanValidator : AbstractValidator<SaveDosePlanCommand>
{
    public SaveDosePlanValidator()
    {
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.Route).IsInEnum();
        RuleFor(x => x.Basis).IsInEnum();
        RuleFor(x => x.PlannedAmount).GreaterThan(0).WithMessage("Enter the planned dose.");
        RuleFor(x => x.CeilingOverrideReason).MaximumLength(2000);
    }
}

public sealed class SaveDosePlanHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IOptionsMonitor<ClinicalOptions> options)
    : ICommandHandler<SaveDosePlanCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(SaveDosePlanCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, command.CourseId, nameof(Kap.Domain.Preparation.DosePlan), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        if (course.PrescriberId != op.User.Id)
        {
            return Error.Rule("Only the course's prescribing nurse practitioner sets its dose plan.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var plan = await db.DosePlans.Where(p => p.CourseId == course.Id).OrderByDescending(p => p.PlannedAtUtc).FirstOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            plan = new Kap.Domain.Preparation.DosePlan(course.Id, course.PrescriberId, command.Route, command.Basis, command.PlannedAmount, command.InfusionMinutes,
                op.User.RequiredId, now);
            db.DosePlans.Add(plan);
        }
        else
        {
            plan.Revise(command.Route, command.Basis, command.PlannedAmount, command.InfusionMinutes, op.User.RequiredId, now);
        }

        var ceilings = options.CurrentValue.Ceilings;
        if (!string.IsNullOrWhiteSpace(command.CeilingOverrideReason) && plan.IsAboveCeiling(ceilings))
        {
            var overridden = plan.OverrideCeiling(command.CeilingOverrideReason, op.User.RequiredId, op.User.IsNursePractitioner, now);
            if (!overridden.IsSuccess)
            {
                return Error.Rule(overridden.Problems[0], overridden.Problems);
            }
        }

        var valid = plan.Validate(ceilings);
        if (!valid.IsSuccess)
        {
            return Error.Rule(valid.Problems.Count == 1 ? valid.Problems[0] : "The dose plan was not saved:", valid.Problems);
        }

        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(Kap.Domain.Preparation.DosePlan), plan.Id, course.PatientId);
        return plan.Id;
    }
}

public sealed class GetDosePlanHandler(IOperationContext context, PatientAccess access, IOptionsMonitor<ClinicalOptions> options) : IQueryHandler<GetDosePlanQuery, Result<DosePlanDto?>>
{
    public async ValueTask<Result<DosePlanDto?>> Handle(GetDosePlanQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var course = await access.VisibleCourseAsync(op, query.CourseId, nameof(Kap.Domain.Preparation.DosePlan), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var plan = await op.Db.DosePlans.AsNoTracking().Where(p => p.CourseId == course.Id).OrderByDescending(p => p.PlannedAtUtc).FirstOrDefaultAsync(cancellationToken);
        return Result<DosePlanDto?>.Success(plan is null ? null : new DosePlanDto(plan.Id, plan.Route, plan.Basis, plan.PlannedAmount, plan.InfusionMinutes,
            plan.Describe(), plan.Ceiling(options.CurrentValue.Ceilings), plan.CeilingOverride?.Reason, plan.PlannedAtUtc, plan.PatientMedicationInstructions));
    }
}
