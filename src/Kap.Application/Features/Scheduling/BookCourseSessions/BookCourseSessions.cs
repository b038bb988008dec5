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

namespace Kap.Application.Features.Scheduling.BookCourseSessions;

/// <summary>One session of a confirmed draft, at a clinic wall-clock time.</summary>
public sealed record SessionToBook(AppointmentKind Kind, DateTime LocalStart, int? LengthMinutes);

/// <summary>
/// Books a course's confirmed draft in one step: all sessions or none. Dosing and medical clearance go to
/// the course's prescriber, the rest to its therapist. Every clash is reported against its session.
/// </summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record BookCourseSessionsCommand(Guid CourseId, IReadOnlyList<SessionToBook> Sessions, Guid? RoomId, string? Location) : ICommand<Result<int>>;

public sealed class BookCourseSessionsValidator : AbstractValidator<BookCourseSessionsCommand>
{
    public BookCourseSessionsValidator()
    {
        RuleFor(x => x.Sessions).NotEmpty().WithMessage("The draft has no sessions.")
            .Must(s => s.Count <= 100).WithMessage("Book at most 100 sessions at once.");
        RuleForEach(x => x.Sessions).ChildRules(s =>
        {
            s.RuleFor(x => x.Kind).IsInEnum();
            s.RuleFor(x => x.LocalStart).NotEqual(default(DateTime)).WithMessage("Every session needs a date and time.");
            s.RuleFor(x => x.LengthMinutes).InclusiveBetween(5, 600).When(x => x.LengthMinutes is not null);
        });
    }
}

public sealed class BookCourseSessionsHandler(IOperationContext context, PatientAccess access, Booking booking, ReminderScheduler reminders, TimeProvider clock)
    : ICommandHandler<BookCourseSessionsCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(BookCourseSessionsCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, command.CourseId, "Course", cancellationToken, command.CourseId);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var appointments = new List<Appointment>();
        var problems = new List<string>();
        foreach (var session in command.Sessions)
        {
            var clinician = session.Kind.NeedsPrescriber() ? course.PrescriberId : course.PrimaryTherapistId;
            Guid? second = session.Kind == AppointmentKind.Dosing && booking.Options.DosingNeedsTherapist ? course.PrimaryTherapistId : null;
            var built = await SchedulingChecks.BuildAsync(db, booking, course, session.Kind, session.LocalStart, session.LengthMinutes, clinician, second,
                command.RoomId, now, cancellationToken);
            if (!built.IsSuccess)
            {
                problems.Add($"{session.Kind.Describe()} on {session.LocalStart.ToString("ddd d MMM, HH:mm", System.Globalization.CultureInfo.InvariantCulture)}: {built.Error!.Message}");
                continue;
            }

            appointments.Add(new Appointment(course.Id, course.PatientId, session.Kind, built.Value.StartUtc, built.Value.EndUtc, clinician, second,
                command.RoomId, command.Location, SchedulingChecks.GateNotMet(course, session.Kind), op.User.RequiredId, now));
        }

        var conflicts = await booking.ConflictsAsync(db, appointments.Select(a => a.Slot).ToList(), cancellationToken);
        for (var i = 0; i < appointments.Count; i++)
        {
            problems.AddRange(conflicts[i].Select(c => $"{appointments[i].Kind.Describe()} on {booking.Format(appointments[i].StartUtc)}: {c}"));
        }

        if (problems.Count > 0)
        {
            return Error.Rule("Nothing was booked. Adjust these sessions and try again:", problems.Distinct().ToList());
        }

        foreach (var appointment in appointments)
        {
            db.Appointments.Add(appointment);
            await reminders.PlanForAppointmentAsync(db, appointment, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return appointments.Count;
    }
}
