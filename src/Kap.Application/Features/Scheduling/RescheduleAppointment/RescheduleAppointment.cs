using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reminders.Common;
using Kap.Application.Features.Scheduling.BookAppointment;
using Kap.Application.Features.Scheduling.Common;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Scheduling.RescheduleAppointment;

/// <summary>Moves an appointment; its reminders are withdrawn and planned again for the new time.</summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record RescheduleAppointmentCommand(Guid AppointmentId, Guid Version, DateTime LocalStart, int? LengthMinutes) : ICommand<Result<Guid>>;

public sealed class RescheduleAppointmentValidator : AbstractValidator<RescheduleAppointmentCommand>
{
    public RescheduleAppointmentValidator()
    {
        RuleFor(x => x.AppointmentId).NotEmpty();
        RuleFor(x => x.LocalStart).NotEqual(default(DateTime)).WithMessage("Choose the new date and time.");
        RuleFor(x => x.LengthMinutes).InclusiveBetween(5, 600).When(x => x.LengthMinutes is not null)
            .WithMessage("An appointment lasts between 5 minutes and 10 hours.");
    }
}

public sealed class RescheduleAppointmentHandler(IOperationContext context, PatientAccess access, Booking booking, ReminderScheduler reminders, TimeProvider clock)
    : ICommandHandler<RescheduleAppointmentCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RescheduleAppointmentCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var appointment = await EditableAppointment.LoadAsync(op, access, command.AppointmentId, command.Version, cancellationToken);
        if (appointment is null)
        {
            return Error.NotFound("The appointment");
        }

        var course = await db.Courses.AsNoTracking().SingleAsync(c => c.Id == appointment.CourseId, cancellationToken);
        var length = command.LengthMinutes ?? (int)(appointment.EndUtc - appointment.StartUtc).TotalMinutes;
        var built = await SchedulingChecks.BuildAsync(db, booking, course, appointment.Kind, command.LocalStart, length,
            appointment.ClinicianId, appointment.SecondClinicianId, appointment.RoomId, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (!built.IsSuccess)
        {
            return built.Error!;
        }

        var moved = appointment.Reschedule(built.Value.StartUtc, built.Value.EndUtc);
        if (!moved.IsSuccess)
        {
            return Error.Rule(moved.Problems[0]);
        }

        var conflicts = (await booking.ConflictsAsync(db, [appointment.Slot], cancellationToken))[0];
        if (conflicts.Count > 0)
        {
            return Error.Rule(conflicts.Count == 1 ? conflicts[0] : "The new time clashes with other bookings:", conflicts);
        }

        await ReminderScheduler.WithdrawForAppointmentAsync(db, appointment.Id, "The appointment was moved.", cancellationToken);
        await reminders.PlanForAppointmentAsync(db, appointment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return appointment.Version;
    }
}
