using FluentValidation;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Portal;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Portal;

/// <summary>The signed-in patient's upcoming appointments with what to do before and after each (domain.md §8).</summary>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record GetMyAppointmentsQuery : IQuery<Result<MyAppointmentsDto>>, IReadsHealthInformation;

/// <param name="VideoLink">The location when it is a web address (a video session).</param>
/// <param name="LastRequest">The patient's latest request about it ("confirmed", "reschedule asked").</param>
public sealed record MyAppointmentDto(
    Guid Id,
    AppointmentKind Kind,
    DateTime StartUtc,
    DateTime EndUtc,
    string ClinicianName,
    string Place,
    string? VideoLink,
    IReadOnlyList<Instruction> Before,
    IReadOnlyList<Instruction> After,
    AppointmentRequestKind? LastRequest,
    AppointmentRequestStatus? LastRequestStatus);

/// <param name="TimeZone">The patient's own zone: every time on the page is shown in it.</param>
public sealed record MyAppointmentsDto(string PatientName, string TimeZone, string ClinicName, IReadOnlyList<MyAppointmentDto> Upcoming, int UnreadMessages);

/// <summary>"I'll be there" or "I need to reschedule" for one of the patient's own upcoming appointments; staff act on a reschedule.</summary>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record RequestAppointmentChangeCommand(Guid AppointmentId, AppointmentRequestKind Kind, string? Note) : ICommand<Result<Guid>>;

public sealed class RequestAppointmentChangeValidator : AbstractValidator<RequestAppointmentChangeCommand>
{
    public RequestAppointmentChangeValidator()
    {
        RuleFor(x => x.AppointmentId).NotEmpty();
        RuleFor(x => x.Kind).IsInEnum().WithMessage("Choose whether you will be there or need to reschedule.");
        RuleFor(x => x.Note).MaximumLength(AppointmentRequest.MaxNoteLength).WithMessage($"Keep the note under {AppointmentRequest.MaxNoteLength} characters.");
    }
}

public sealed class GetMyAppointmentsHandler(IOperationContext context, PortalPatient portal, TimeProvider clock, IOptions<ClinicOptions> clinic)
    : IQueryHandler<GetMyAppointmentsQuery, Result<MyAppointmentsDto>>
{
    /// <summary>How many upcoming appointments the portal lists (a course plans well under this many).</summary>
    public const int MaxRows = 30;

    /// <summary>
    /// The patient's next <see cref="MaxRows"/> booked appointments, in one statement: the clinician's and room's names, the
    /// course's dose plan (the latest, for the instructions before a dose) and the patient's request to show — an open
    /// "reschedule" if there is one, else the latest — are read per row by the database, through their indexes.
    /// </summary>
    public static IQueryable<UpcomingAppointmentRow> Upcoming(IKapDbContext db, Guid patientId, DateTime now) =>
        db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.Status == AppointmentStatus.Booked && a.EndUtc > now)
            .OrderBy(a => a.StartUtc)
            .Take(MaxRows)
            .Select(a => new UpcomingAppointmentRow(
                a.Id, a.CourseId, a.Kind, a.StartUtc, a.EndUtc, a.Location,
                db.Users.Where(u => u.Id == a.ClinicianId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Rooms.Where(r => r.Id == a.RoomId).Select(r => r.Name).FirstOrDefault(),
                db.DosePlans.Where(p => p.CourseId == a.CourseId).OrderByDescending(p => p.PlannedAtUtc).Select(p => (Kap.Domain.Preparation.Route?)p.Route).FirstOrDefault(),
                db.DosePlans.Where(p => p.CourseId == a.CourseId).OrderByDescending(p => p.PlannedAtUtc).Select(p => p.PatientMedicationInstructions).FirstOrDefault(),
                db.AppointmentRequests.Where(r => r.AppointmentId == a.Id && r.PatientId == patientId)
                    .OrderByDescending(r => r.Kind == AppointmentRequestKind.Reschedule && r.Status == AppointmentRequestStatus.Open).ThenByDescending(r => r.CreatedAtUtc)
                    .Select(r => (AppointmentRequestKind?)r.Kind).FirstOrDefault(),
                db.AppointmentRequests.Where(r => r.AppointmentId == a.Id && r.PatientId == patientId)
                    .OrderByDescending(r => r.Kind == AppointmentRequestKind.Reschedule && r.Status == AppointmentRequestStatus.Open).ThenByDescending(r => r.CreatedAtUtc)
                    .Select(r => (AppointmentRequestStatus?)r.Status).FirstOrDefault()));

    public async ValueTask<Result<MyAppointmentsDto>> Handle(GetMyAppointmentsQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        if (patient is null)
        {
            op.Subject("PortalAppointments", null, null);
            return Error.NotFound("Your patient record");
        }

        op.Subject("PortalAppointments", null, patient.Id);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await Upcoming(db, patient.Id, now).ToListAsync(cancellationToken);
        var unread = await db.InboxMessages.CountAsync(m => m.UserId == patient.UserId && m.ReadAtUtc == null, cancellationToken);

        var clinicName = clinic.Value.Name;
        var upcoming = rows.Select(r =>
        {
            var video = r.Location is { } l && Uri.TryCreate(l, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? l : null;
            var place = video is not null ? "Video session" : r.Location ?? (r.Room is { } room ? $"{room}, {clinicName}" : clinicName);
            return new MyAppointmentDto(r.Id, r.Kind, r.StartUtc, r.EndUtc, r.Clinician ?? "", place, video,
                PatientInstructions.Before(r.Kind, r.PlanRoute, r.PlanInstructions), PatientInstructions.After(r.Kind), r.LastRequestKind, r.LastRequestStatus);
        }).ToList();
        return new MyAppointmentsDto(patient.DisplayName, patient.TimeZone, clinicName, upcoming, unread);
    }
}

/// <summary>One upcoming appointment as the portal reads it, with its course's dose plan and the patient's latest request about it.</summary>
public sealed record UpcomingAppointmentRow(Guid Id, Guid CourseId, AppointmentKind Kind, DateTime StartUtc, DateTime EndUtc, string? Location, string? Clinician,
    string? Room, Kap.Domain.Preparation.Route? PlanRoute, string? PlanInstructions, AppointmentRequestKind? LastRequestKind, AppointmentRequestStatus? LastRequestStatus);

public sealed class RequestAppointmentChangeHandler(IOperationContext context, PortalPatient portal, TimeProvider clock)
    : ICommandHandler<RequestAppointmentChangeCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(RequestAppointmentChangeCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        op.Subject(nameof(Appointment), command.AppointmentId, patient?.Id);
        if (patient is null)
        {
            return Error.NotFound("Your patient record");
        }

        // Only the patient's own appointment: another patient's id is answered exactly like one that does not exist.
        var appointment = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == command.AppointmentId && a.PatientId == patient.Id, cancellationToken);
        if (appointment is null)
        {
            return Error.NotFound("The appointment");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (appointment.Status != AppointmentStatus.Booked || appointment.StartUtc <= now)
        {
            return Error.Rule(appointment.Status == AppointmentStatus.Cancelled
                ? "This appointment was cancelled; the clinic will contact you about a new one."
                : "This appointment has already started or taken place. Call the clinic if you need to talk about it.");
        }

        var previous = await db.AppointmentRequests.Where(r => r.AppointmentId == appointment.Id && r.PatientId == patient.Id).ToListAsync(cancellationToken);
        if (command.Kind == AppointmentRequestKind.Reschedule
            && previous.Any(r => r.Kind == AppointmentRequestKind.Reschedule && r.Status == AppointmentRequestStatus.Open))
        {
            return Error.Rule("You have already asked to reschedule this appointment; the clinic will be in touch.");
        }

        if (command.Kind == AppointmentRequestKind.Confirm && previous.FirstOrDefault(r => r.Kind == AppointmentRequestKind.Confirm) is { } confirmed)
        {
            return confirmed.Id;
        }

        var request = new AppointmentRequest(appointment.Id, patient.Id, appointment.CourseId, command.Kind, command.Note, now);
        db.AppointmentRequests.Add(request);
        if (command.Kind == AppointmentRequestKind.Reschedule)
        {
            // Staff act on it: the clinician of the appointment hears at once (the message names the patient only inside Kap).
            var when = WallClock.ToLocal(appointment.StartUtc, PortalPatient.Zone(patient)).ToString("dddd d MMMM 'at' HH:mm", System.Globalization.CultureInfo.InvariantCulture);
            db.InboxMessages.Add(new InboxMessage(appointment.ClinicianId, $"{patient.DisplayName} asks to reschedule an appointment",
                $"{patient.DisplayName} asks to reschedule their {appointment.Kind.Describe().ToLowerInvariant()} appointment on {when} (their time)." +
                (request.Note is { } note ? $"\nTheir note: {note}" : "") + "\nIt is listed under Requests from patients on the caseload.", now, reminderId: null));
        }

        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(AppointmentRequest), request.Id, patient.Id);
        return request.Id;
    }
}

/// <summary>Open reschedule requests from the patients a member of staff looks after, oldest first.</summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetAppointmentRequestsQuery : IQuery<Result<IReadOnlyList<AppointmentRequestDto>>>, IReadsHealthInformation;

public sealed record AppointmentRequestDto(Guid Id, Guid AppointmentId, Guid CourseId, string PatientName, AppointmentKind Kind, DateTime StartUtc, string? Note, DateTime CreatedAtUtc);

/// <summary>Staff record that a reschedule request was dealt with (the appointment itself is moved with the scheduling commands).</summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record HandleAppointmentRequestCommand(Guid RequestId, string? Note) : ICommand<Result<Guid>>;

public sealed class HandleAppointmentRequestValidator : AbstractValidator<HandleAppointmentRequestCommand>
{
    public HandleAppointmentRequestValidator()
    {
        RuleFor(x => x.RequestId).NotEmpty();
        RuleFor(x => x.Note).MaximumLength(AppointmentRequest.MaxNoteLength);
    }
}

public sealed class GetAppointmentRequestsHandler(IOperationContext context, PatientAccess access) : IQueryHandler<GetAppointmentRequestsQuery, Result<IReadOnlyList<AppointmentRequestDto>>>
{
    public const int MaxRows = 50;

    public async ValueTask<Result<IReadOnlyList<AppointmentRequestDto>>> Handle(GetAppointmentRequestsQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject("AppointmentRequests", null, null);
        var rows = await (
                from r in db.AppointmentRequests.AsNoTracking()
                join c in access.Courses(db, op.User) on r.CourseId equals c.Id
                join a in db.Appointments on r.AppointmentId equals a.Id
                join p in db.Patients on r.PatientId equals p.Id
                where r.Status == AppointmentRequestStatus.Open
                orderby r.CreatedAtUtc
                select new { r.Id, r.AppointmentId, r.CourseId, p.LegalName, p.PreferredName, a.Kind, a.StartUtc, r.Note, r.CreatedAtUtc })
            .Take(MaxRows)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new AppointmentRequestDto(r.Id, r.AppointmentId, r.CourseId, r.PreferredName is null ? r.LegalName : $"{r.LegalName} ({r.PreferredName})",
            r.Kind, r.StartUtc, r.Note, r.CreatedAtUtc)).ToList();
    }
}

public sealed class HandleAppointmentRequestHandler(IOperationContext context, PatientAccess access, TimeProvider clock)
    : ICommandHandler<HandleAppointmentRequestCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(HandleAppointmentRequestCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var request = await db.AppointmentRequests.SingleOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken);
        op.Subject(nameof(AppointmentRequest), command.RequestId, request?.PatientId);
        if (request is null || !await access.Courses(db, op.User).AnyAsync(c => c.Id == request.CourseId, cancellationToken))
        {
            return Error.NotFound("The request");
        }

        var result = request.Handle(op.User.RequiredId, command.Note, clock.GetUtcNow().UtcDateTime);
        if (!result.IsSuccess)
        {
            return Error.Rule(result.Problems[0]);
        }

        await db.SaveChangesAsync(cancellationToken);
        return request.Id;
    }
}
