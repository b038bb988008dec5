using FluentValidation;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reminders.Common;
using Kap.Application.Features.Scheduling.Common;
using Kap.Domain.Courses;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Scheduling.BookAppointment;

/// <summary>
/// Books one session of a course at a clinic wall-clock time, refusing clashes, and plans its reminders.
/// A dosing session may be booked before the course reaches Dosing; it is then flagged "gate not met yet".
/// </summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record BookAppointmentCommand(
    Guid CourseId,
    AppointmentKind Kind,
    DateTime LocalStart,
    int? LengthMinutes,
    Guid ClinicianId,
    Guid? SecondClinicianId,
    Guid? RoomId,
    string? Location) : ICommand<Result<Guid>>;

public sealed class BookAppointmentValidator : AbstractValidator<BookAppointmentCommand>
{
    public BookAppointmentValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.Kind).IsInEnum().WithMessage("Choose the kind of appointment.");
        RuleFor(x => x.LocalStart).NotEqual(default(DateTime)).WithMessage("Choose the date and time.");
        RuleFor(x => x.LengthMinutes).InclusiveBetween(5, 600).When(x => x.LengthMinutes is not null)
            .WithMessage("An appointment lasts between 5 minutes and 10 hours.");
        RuleFor(x => x.ClinicianId).NotEmpty().WithMessage("Choose the clinician.");
        RuleFor(x => x.SecondClinicianId).NotEqual(x => x.ClinicianId).When(x => x.SecondClinicianId is not null)
            .WithMessage("The second clinician must be someone else.");
        RuleFor(x => x.Location).MaximumLength(300);
    }
}

public sealed class BookAppointmentHandler(IOperationContext context, PatientAccess access, Booking booking, ReminderScheduler reminders, TimeProvider clock)
    : ICommandHandler<BookAppointmentCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(BookAppointmentCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, command.CourseId, "Appointment", cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var built = await SchedulingChecks.BuildAsync(db, booking, course, command.Kind, command.LocalStart, command.LengthMinutes,
            command.ClinicianId, command.SecondClinicianId, command.RoomId, now, cancellationToken);
        if (!built.IsSuccess)
        {
            return built.Error!;
        }

        var (startUtc, endUtc) = built.Value;
        var appointment = new Appointment(course.Id, course.PatientId, command.Kind, startUtc, endUtc, command.ClinicianId, command.SecondClinicianId,
            command.RoomId, command.Location, SchedulingChecks.GateNotMet(course, command.Kind), op.User.RequiredId, now);
        var conflicts = (await booking.ConflictsAsync(db, [appointment.Slot], cancellationToken))[0];
        if (conflicts.Count > 0)
        {
            return Error.Rule(conflicts.Count == 1 ? conflicts[0] : "This time clashes with other bookings:", conflicts);
        }

        db.Appointments.Add(appointment);
        await reminders.PlanForAppointmentAsync(db, appointment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        op.Subject("Appointment", appointment.Id, course.PatientId);
        return appointment.Id;
    }
}

/// <summary>The checks every booking shares: the course is open, the clinicians fit the kind, the time is in the future.</summary>
public static class SchedulingChecks
{
    public static bool GateNotMet(Course course, AppointmentKind kind) =>
        kind == AppointmentKind.Dosing && course.Phase is not (CoursePhase.Dosing or CoursePhase.Integration);

    public static async Task<Result<(DateTime StartUtc, DateTime EndUtc)>> BuildAsync(IKapDbContext db, Booking booking, Course course, AppointmentKind kind,
        DateTime localStart, int? lengthMinutes, Guid clinicianId, Guid? secondClinicianId, Guid? roomId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (CourseStateMachine.IsClosed(course.Phase))
        {
            return Error.Rule("The course is closed; open a new course or add a plan revision to book sessions.");
        }

        var startUtc = booking.ToUtc(localStart);
        if (startUtc < nowUtc)
        {
            return Error.Field("LocalStart", "Choose a time in the future.");
        }

        if (kind.NeedsPrescriber() && clinicianId != course.PrescriberId)
        {
            return Error.Field("ClinicianId", $"A {kind.Describe().ToLowerInvariant()} session is run by the course's prescribing nurse practitioner.");
        }

        if (kind == AppointmentKind.Dosing && booking.Options.DosingNeedsTherapist && secondClinicianId != course.PrimaryTherapistId)
        {
            return Error.Field("SecondClinicianId", "This clinic's dosing sessions also need the course's therapist.");
        }

        var people = new[] { clinicianId }.Concat(secondClinicianId is { } s ? [s] : Array.Empty<Guid>()).ToList();
        var staff = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => people.Contains(x.UserId) && (x.Name == KapRoles.Therapist || x.Name == KapRoles.NursePractitioner))
            .Select(x => x.UserId).Distinct().CountAsync(cancellationToken);
        if (staff != people.Count)
        {
            return Error.Field("ClinicianId", "Choose therapists or nurse practitioners.");
        }

        if (roomId is { } room && !await db.Rooms.AnyAsync(r => r.Id == room && r.IsActive, cancellationToken))
        {
            return Error.Field("RoomId", "Choose a room from the list.");
        }

        return (startUtc, startUtc.AddMinutes(lengthMinutes ?? booking.Options.LengthMinutes(kind)));
    }
}
