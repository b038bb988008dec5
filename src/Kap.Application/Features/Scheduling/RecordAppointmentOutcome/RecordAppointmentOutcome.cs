using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Scheduling;
using Kap.Application.Features.Scheduling.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Scheduling.RecordAppointmentOutcome;

/// <summary>Marks an appointment attended or a no-show.</summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record RecordAppointmentOutcomeCommand(Guid AppointmentId, Guid Version, AppointmentStatus Outcome) : ICommand<Result<Guid>>;

public sealed class RecordAppointmentOutcomeHandler(IOperationContext context, PatientAccess access, TimeProvider clock)
    : ICommandHandler<RecordAppointmentOutcomeCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RecordAppointmentOutcomeCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var appointment = await EditableAppointment.LoadAsync(op, access, command.AppointmentId, command.Version, cancellationToken);
        if (appointment is null)
        {
            return Error.NotFound("The appointment");
        }

        var recorded = appointment.RecordOutcome(command.Outcome, clock.GetUtcNow().UtcDateTime);
        if (!recorded.IsSuccess)
        {
            return Error.Rule(recorded.Problems[0]);
        }

        await db.SaveChangesAsync(cancellationToken);
        return appointment.Version;
    }
}
