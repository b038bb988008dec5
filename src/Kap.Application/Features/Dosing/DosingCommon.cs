using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Ledger;
using Kap.Domain.Preparation;
using Kap.Domain.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Dosing;

/// <summary>
/// Tells open session screens that a session changed, so the therapist watching and a second device at the
/// bedside see each entry as soon as it is saved. In-process: with several instances, the screens' own
/// periodic refresh covers what another instance saved.
/// </summary>
public sealed class DosingSessionNotifier
{
    public event Action<Guid>? Changed;

    public void Publish(Guid sessionId) => Changed?.Invoke(sessionId);
}

/// <summary>Loading a session the user may see, and what every session command shares.</summary>
internal static class DosingSessions
{
    /// <summary>The session and its course, when the user may see the course; (null, null) otherwise — "not found" either way.</summary>
    public static async Task<(DosingSession? Session, Course? Course)> VisibleAsync(Operation op, PatientAccess access, Guid sessionId, string auditedEntity,
        CancellationToken cancellationToken, bool track = false)
    {
        var query = track ? op.Db.DosingSessions : op.Db.DosingSessions.AsNoTracking();
        var session = await query.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            op.Subject(auditedEntity, null, null);
            return (null, null);
        }

        var course = await access.VisibleCourseAsync(op, session.CourseId, auditedEntity, cancellationToken, sessionId);
        return course is null ? (null, null) : (session, course);
    }

    public static Substance SubstanceFor(Route route) => route == Route.EsketamineNasal ? Substance.Esketamine : Substance.RacemicKetamine;

    /// <summary>The most recent weight on record for the course: the clearance's, or one measured at an earlier session.</summary>
    public static async Task<(decimal? Kg, DateTime? AtUtc)> LatestWeightAsync(IKapDbContext db, Guid courseId, CancellationToken cancellationToken)
    {
        var clearance = await db.MedicalClearances.Where(c => c.CourseId == courseId && c.VitalsRecordedAtUtc != null && c.Vitals.WeightKg != null)
            .OrderByDescending(c => c.VitalsRecordedAtUtc).Select(c => new { c.Vitals.WeightKg, c.VitalsRecordedAtUtc }).FirstOrDefaultAsync(cancellationToken);
        var session = await db.DosingSessions.Where(s => s.CourseId == courseId && s.WeightRecordedAtUtc != null && s.WeightKg != null)
            .OrderByDescending(s => s.WeightRecordedAtUtc).Select(s => new { s.WeightKg, s.WeightRecordedAtUtc }).FirstOrDefaultAsync(cancellationToken);
        if (session is not null && (clearance is null || session.WeightRecordedAtUtc > clearance.VitalsRecordedAtUtc))
        {
            return (session.WeightKg, session.WeightRecordedAtUtc);
        }

        return clearance is null ? (null, null) : (clearance.WeightKg, clearance.VitalsRecordedAtUtc);
    }

    /// <summary>When the course's last dose was given, in any earlier session.</summary>
    public static Task<DateTime?> LastDoseAtAsync(IKapDbContext db, Guid courseId, CancellationToken cancellationToken) =>
        db.SessionAdministrations.Where(a => db.DosingSessions.Any(s => s.Id == a.SessionId && s.CourseId == courseId))
            .MaxAsync(a => (DateTime?)a.AtUtc, cancellationToken);

    /// <summary>
    /// An in-app alert to the course's prescriber and/or therapist. The inbox is inside Kap, so it names the
    /// patient; anything that leaves Kap (email) must not.
    /// </summary>
    public static void Alert(IKapDbContext db, IEnumerable<Guid> recipients, string subject, string body, DateTime nowUtc)
    {
        foreach (var userId in recipients.Distinct())
        {
            db.InboxMessages.Add(new InboxMessage(userId, subject, body, nowUtc, reminderId: null));
        }
    }

    public static Task<string> PatientNameAsync(IKapDbContext db, Guid patientId, CancellationToken cancellationToken) =>
        db.Patients.Where(p => p.Id == patientId).Select(p => p.PreferredName ?? p.LegalName).SingleAsync(cancellationToken);

    public static void Changed(Operation op, DosingSessionNotifier notifier, Guid sessionId) =>
        op.AfterCommit(_ =>
        {
            notifier.Publish(sessionId);
            return Task.CompletedTask;
        });
}
