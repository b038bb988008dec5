using System.Globalization;
using System.Text;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Reminders.SendDailyDigests;

/// <summary>
/// Each clinician's morning digest in their inbox: today's sessions, and what is overdue — reminders that
/// could not be delivered and integration checks that fired. Sent once a day per clinician, whatever
/// the number of runs (a retried job, or several instances).
/// </summary>
[RequiresPolicy(KapPolicies.System)]
public sealed record SendDailyDigestsCommand : ICommand<Result<int>>;

public sealed class SendDailyDigestsHandler(IOperationContext context, TimeProvider clock, IOptions<ClinicOptions> clinic)
    : ICommandHandler<SendDailyDigestsCommand, Result<int>>
{
    public const string SubjectPrefix = "Your day in Kap: ";

    public async ValueTask<Result<int>> Handle(SendDailyDigestsCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject("Digest", null, null);
        var zone = clinic.Value.GetTimeZone();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(WallClock.ToLocal(now, zone));
        var from = WallClock.ToUtc(today.ToDateTime(TimeOnly.MinValue), zone);
        var to = WallClock.ToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var subject = SubjectPrefix + today.ToString("dddd d MMMM", CultureInfo.InvariantCulture);

        var clinicians = await (from ur in db.UserRoles
                                join r in db.Roles on ur.RoleId equals r.Id
                                join u in db.Users on ur.UserId equals u.Id
                                where (r.Name == KapRoles.Therapist || r.Name == KapRoles.NursePractitioner) && u.IsActive
                                select new { u.Id, u.DisplayName }).Distinct().ToListAsync(cancellationToken);
        var alreadySent = await db.InboxMessages.Where(m => m.Subject == subject && m.CreatedAtUtc >= from).Select(m => m.UserId).ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var clinician in clinicians.Where(c => !alreadySent.Contains(c.Id)))
        {
            var id = clinician.Id;
            var sessions = await db.Appointments.AsNoTracking()
                .Where(a => (a.ClinicianId == id || a.SecondClinicianId == id) && a.Status == AppointmentStatus.Booked && a.StartUtc >= from && a.StartUtc < to)
                .OrderBy(a => a.StartUtc)
                .Select(a => new { a.StartUtc, a.Kind, Patient = db.Patients.Where(p => p.Id == a.PatientId).Select(p => p.PreferredName ?? p.LegalName).FirstOrDefault() })
                .ToListAsync(cancellationToken);
            var myCourses = db.Courses.Where(c => c.PrimaryTherapistId == id || c.PrescriberId == id).Select(c => c.Id);
            var failed = await db.Reminders.CountAsync(r => r.CourseId != null && myCourses.Contains(r.CourseId.Value)
                && r.Status == ReminderStatus.Failed && r.RecipientRole == RecipientRole.Patient, cancellationToken);
            var integrationAlerts = await db.Reminders.CountAsync(r => r.RecipientUserId == id && r.Kind == ReminderKind.IntegrationBookingCheck
                && r.Status == ReminderStatus.Sent && r.SentAtUtc >= now.AddDays(-7), cancellationToken);

            var body = new StringBuilder($"Good morning {clinician.DisplayName},\n\n");
            body.Append(sessions.Count == 0 ? "No sessions booked for you today.\n" : $"Today you have {sessions.Count} session{(sessions.Count == 1 ? "" : "s")}:\n");
            foreach (var s in sessions)
            {
                body.Append(CultureInfo.InvariantCulture, $"- {WallClock.ToLocal(s.StartUtc, zone):HH:mm} {s.Kind.Describe()} with {s.Patient}\n");
            }

            if (failed > 0)
            {
                body.Append(CultureInfo.InvariantCulture, $"\n{failed} reminder{(failed == 1 ? "" : "s")} to your patients could not be delivered: see the course pages.\n");
            }

            if (integrationAlerts > 0)
            {
                body.Append(CultureInfo.InvariantCulture, $"\n{integrationAlerts} dosing session{(integrationAlerts == 1 ? " has" : "s have")} had no integration session booked in time this week.\n");
            }

            db.InboxMessages.Add(new InboxMessage(id, subject, body.ToString(), now, reminderId: null));
            sent++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }
}
