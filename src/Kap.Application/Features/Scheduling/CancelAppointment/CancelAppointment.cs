using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reminders.Common;
using Kap.Application.Features.Scheduling.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Scheduling.CancelAppointment;

/// <summary>Cancels an appointment with a reason; its reminders are withdrawn.</summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record CancelAppointmentCommand(Guid AppointmentId, Guid Version, string Reason) : ICommand<Result<Guid>>;

public sealed class CancelAppointmentValidator : AbstractValidator<CancelAppointmentCommand>
{
    public CancelAppointmentValidator()
    {
        RuleFor(x => x.AppointmentId).NotEmpty();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give the reason for cancelling.").MaximumLength(500);
    }
}

public sealed class CancelAppointmentHandler(IOperationContext context, PatientAccess access) : ICommandHandler<CancelAppointmentCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(CancelAppointmentCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var appointment = await EditableAppointment.LoadAsync(op, access, command.AppointmentId, command.Version, cancellationToken);
        if (appointment is null)
        {
            return Error.NotFound("The appointment");
        }

        var cancelled = appointment.Cancel(command.Reason);
        if (!cancelled.IsSuccess)
        {
            return Error.Rule(cancelled.Problems[0]);
        }

        await ReminderScheduler.WithdrawForAppointmentAsync(db, appointment.Id, "The appointment was cancelled.", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return appointment.Version;
    }
}
