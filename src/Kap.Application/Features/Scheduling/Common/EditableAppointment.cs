using Kap.Application.Common.Operations;
using Kap.Application.Common.Security;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Scheduling.Common;

/// <summary>Loads an appointment for a change: only through a course the user may see, checked against the version they started from.</summary>
public static class EditableAppointment
{
    public static async Task<Appointment?> LoadAsync(Operation op, PatientAccess access, Guid appointmentId, Guid version, CancellationToken cancellationToken)
    {
        var visible = access.Courses(op.Db, op.User);
        var appointment = await op.Db.Appointments.Where(a => a.Id == appointmentId && visible.Any(c => c.Id == a.CourseId)).SingleOrDefaultAsync(cancellationToken);
        op.Subject("Appointment", appointmentId, appointment?.PatientId);
        if (appointment is not null)
        {
            op.Db.Entry(appointment).Property(a => a.Version).OriginalValue = version;
        }

        return appointment;
    }
}
