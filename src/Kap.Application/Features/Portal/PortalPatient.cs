using Kap.Application.Common.Operations;
using Kap.Domain.Courses;
using Kap.Domain.Patients;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Portal;

/// <summary>
/// The signed-in patient, as every portal handler must find them: from the user's id, never from an id in the
/// message. Anything a portal message names (an appointment, a course, a draft) is then checked to belong to
/// this patient; a foreign id is answered as not found, and the attempt is audited with the id asked for.
/// </summary>
public sealed class PortalPatient
{
    /// <summary>The patient record of the signed-in user, or null (a staff account, or a patient not yet linked).</summary>
    public async Task<Patient?> CurrentAsync(Operation op, CancellationToken cancellationToken)
    {
        if (!op.User.IsPatient || op.User.Id is not { } userId)
        {
            return null;
        }

        return await op.Db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
    }

    /// <summary>The patient's current course: the newest one not closed, else the newest one.</summary>
    public static async Task<Course?> CurrentCourseAsync(Operation op, Guid patientId, CancellationToken cancellationToken)
    {
        var courses = await op.Db.Courses.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.OpenedAtUtc).ToListAsync(cancellationToken);
        return courses.FirstOrDefault(c => !CourseStateMachine.IsClosed(c.Phase)) ?? courses.FirstOrDefault();
    }

    /// <summary>The patient's own time zone, falling back to UTC for an id the machine does not know.</summary>
    public static TimeZoneInfo Zone(Patient patient) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(patient.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
