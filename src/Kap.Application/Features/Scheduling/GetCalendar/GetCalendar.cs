using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Scheduling.Common;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Scheduling.GetCalendar;

/// <summary>
/// The appointments of one clinician or one room over a day or a week (clinic dates). Appointments of
/// patients the user may not see show as "Busy", so a calendar never discloses another clinician's patients.
/// </summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetCalendarQuery(DateOnly From, int Days, Guid? ClinicianId, Guid? RoomId, bool IncludeCancelled = false)
    : IQuery<Result<IReadOnlyList<AppointmentDto>>>, IReadsHealthInformation;

public sealed class GetCalendarValidator : AbstractValidator<GetCalendarQuery>
{
    public GetCalendarValidator()
    {
        RuleFor(x => x.Days).InclusiveBetween(1, 31);
        RuleFor(x => x.From).InclusiveBetween(Ledger.SaneDates.Earliest, Ledger.SaneDates.Latest).WithMessage(Ledger.SaneDates.Message);
    }
}

public sealed class GetCalendarHandler(IOperationContext context, PatientAccess access, Booking booking) : IQueryHandler<GetCalendarQuery, Result<IReadOnlyList<AppointmentDto>>>
{
    public async ValueTask<Result<IReadOnlyList<AppointmentDto>>> Handle(GetCalendarQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject("Calendar", query.ClinicianId ?? query.RoomId, null);
        var from = booking.ToUtc(query.From.ToDateTime(TimeOnly.MinValue));
        var to = booking.ToUtc(query.From.AddDays(query.Days).ToDateTime(TimeOnly.MinValue));
        var clinician = query.ClinicianId ?? (query.RoomId is null ? op.User.RequiredId : null);
        var room = query.RoomId;

        var inRange = db.Appointments.Where(a => a.StartUtc < to && a.EndUtc > from)
            .Where(a => query.IncludeCancelled || a.Status != AppointmentStatus.Cancelled)
            .Where(a => clinician == null || a.ClinicianId == clinician || a.SecondClinicianId == clinician)
            .Where(a => room == null || a.RoomId == room);
        var visible = access.Courses(db, op.User);

        // One statement for both kinds: the viewer's own appointments and the others (shown as "Busy").
        var rows = await AppointmentQueries.ProjectFor(db, inRange, visible).ToListAsync(cancellationToken);
        var mine = rows.Where(r => r.NamesVisible).Select(r => r.Appointment);
        var others = rows.Where(r => !r.NamesVisible).Select(r => r.Appointment);
        // Not even the appointment's own id or version: a handle on another patient's record is something of it. The
        // stand-in id only keeps the calendar's rows apart.
        var list = mine.Concat(others.Select(o => o with
            {
                Id = Guid.NewGuid(), Version = Guid.Empty, PatientId = Guid.Empty, CourseId = Guid.Empty, Location = null, CancelReason = null,
                SecondClinicianName = null, GateNotMet = false,
            }))
            .OrderBy(a => a.StartUtc).ToList();
        return list;
    }
}
