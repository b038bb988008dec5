using Kap.Application.Common.Options;
using Kap.Domain.Courses;
using Kap.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Common.Security;

/// <summary>
/// Which patients and courses a user may see. Every query over patients or courses filters through
/// here, so a record outside the user's care is neither listed nor reachable by its URL.
/// </summary>
public sealed class PatientAccess(IOptionsMonitor<AccessOptions> options, TimeProvider clock)
{
    /// <summary>
    /// The courses the user may see: their own (as therapist or prescriber), every course for an admin, and any
    /// course they opened in an emergency while that grant lasts ("break the glass", audited).
    /// </summary>
    public IQueryable<Course> Courses(Interfaces.IKapDbContext db, UserContext user)
    {
        var courses = db.Courses.AsQueryable();
        if (user.IsAdmin)
        {
            return courses;
        }

        var id = user.Id;
        var therapistSeesAll = user.IsTherapist && options.CurrentValue.TherapistsSeeAllPatients;
        if (therapistSeesAll)
        {
            return courses;
        }

        var asTherapist = user.IsTherapist;
        var asPrescriber = user.IsNursePractitioner;
        var now = clock.GetUtcNow().UtcDateTime;
        var grants = db.EmergencyAccesses.Where(g => g.UserId == id && g.ExpiresAtUtc > now).Select(g => g.CourseId);
        return courses.Where(c => (asTherapist && c.PrimaryTherapistId == id) || (asPrescriber && c.PrescriberId == id)
            || ((asTherapist || asPrescriber) && grants.Contains(c.Id)));
    }

    /// <summary>
    /// The course if the user may see it (read-only), naming it and its patient for the audit entry
    /// either way; null means "not found", which is also the answer for a course outside the user's care.
    /// </summary>
    public async Task<Course?> VisibleCourseAsync(Operations.Operation op, Guid courseId, string auditedEntity, CancellationToken cancellationToken, Guid? auditedEntityId = null)
    {
        var course = await Courses(op.Db, op.User).AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        op.Subject(auditedEntity, auditedEntityId, course?.PatientId);
        return course;
    }

    /// <summary>
    /// Patients the user may see: those on a course they are on, and — so that a therapist can open the
    /// first course — patients they registered themselves.
    /// </summary>
    public IQueryable<Patient> Patients(IQueryable<Patient> patients, Interfaces.IKapDbContext db, UserContext user)
    {
        if (user.IsAdmin || (user.IsTherapist && options.CurrentValue.TherapistsSeeAllPatients))
        {
            return patients;
        }

        var id = user.Id;
        if (user.IsPatient && !user.IsTherapist && !user.IsNursePractitioner)
        {
            return patients.Where(p => p.UserId == id);
        }

        var visibleCourses = Courses(db, user);
        var isStaff = user.IsTherapist || user.IsNursePractitioner;
        return patients.Where(p => (isStaff && p.RegisteredBy == id) || visibleCourses.Any(c => c.PatientId == p.Id));
    }
}
