using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Options;
using Kap.Domain.Courses;
using Kap.Domain.Patients;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Reminders.Common;

/// <summary>
/// Turns the reminder plan of an appointment (or a completed course) into rows: one per recipient and
/// channel. Patients always get the in-app copy, plus their preferred channel; staff get in-app alerts.
/// </summary>
public sealed class ReminderScheduler(IOptionsMonitor<ReminderOptions> options, TimeProvider clock)
{
    public async Task PlanForAppointmentAsync(IKapDbContext db, Appointment appointment, CancellationToken cancellationToken)
    {
        var who = await RecipientsAsync(db, appointment.CourseId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var planned = ReminderPlanner.ForAppointment(appointment.Kind, appointment.StartUtc, appointment.EndUtc, who.PatientZone, who.Settings(options.CurrentValue.ToSettings()), now);
        AddRows(db, planned, who, appointment.Id, appointment.CourseId, now);
    }

    public async Task PlanFollowUpsAsync(IKapDbContext db, Course course, DateTime completedUtc, CancellationToken cancellationToken)
    {
        var who = await RecipientsAsync(db, course.Id, cancellationToken);
        var planned = ReminderPlanner.ForCourseCompletion(completedUtc, who.PatientZone, who.Settings(options.CurrentValue.ToSettings()));
        AddRows(db, planned, who, appointmentId: null, course.Id, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>
    /// After discharge: the next-day check-in and the integration-booking check are planned again from the
    /// actual discharge time, replacing the ones planned from the booked end (or planned for the first time
    /// when the session had no appointment). Ones already sent are left as they are.
    /// </summary>
    public async Task PlanAfterDischargeAsync(IKapDbContext db, Guid courseId, Guid? appointmentId, DateTime dischargedUtc, CancellationToken cancellationToken)
    {
        if (appointmentId is { } id)
        {
            var booked = await db.Reminders
                .Where(r => r.AppointmentId == id && (r.Kind == ReminderKind.NextDayCheckIn || r.Kind == ReminderKind.IntegrationBookingCheck)
                    && (r.Status == ReminderStatus.Planned || r.Status == ReminderStatus.Failed))
                .ToListAsync(cancellationToken);
            foreach (var reminder in booked)
            {
                reminder.Withdraw("Planned again from the discharge time.");
            }
        }

        var who = await RecipientsAsync(db, courseId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var planned = ReminderPlanner.AfterDosing(dischargedUtc, who.PatientZone, who.Settings(options.CurrentValue.ToSettings()), now);
        AddRows(db, planned, who, appointmentId, courseId, now);
    }

    /// <summary>A cancelled or moved appointment's open reminders never fire.</summary>
    public static async Task WithdrawForAppointmentAsync(IKapDbContext db, Guid appointmentId, string why, CancellationToken cancellationToken)
    {
        var open = await db.Reminders
            .Where(r => r.AppointmentId == appointmentId && (r.Status == ReminderStatus.Planned || r.Status == ReminderStatus.Failed || r.Status == ReminderStatus.Claimed))
            .ToListAsync(cancellationToken);
        foreach (var reminder in open)
        {
            reminder.Withdraw(why);
        }
    }

    private static void AddRows(IKapDbContext db, IEnumerable<PlannedReminder> planned, Recipients who, Guid? appointmentId, Guid courseId, DateTime now)
    {
        foreach (var p in planned)
        {
            foreach (var (userId, channel) in who.For(p.Recipient))
            {
                db.Reminders.Add(new Reminder(p.Kind, p.Recipient, userId, channel, p.DueUtc, p.ExpiresUtc, appointmentId, courseId, who.PatientId, now));
            }
        }
    }

    private static async Task<Recipients> RecipientsAsync(IKapDbContext db, Guid courseId, CancellationToken cancellationToken)
    {
        var row = await db.Courses.Where(c => c.Id == courseId)
            .Join(db.Patients, c => c.PatientId, p => p.Id, (c, p) => new { c.PatientId, c.PrimaryTherapistId, c.PrescriberId, p.UserId, p.TimeZone, p.ReminderChannel,
                p.QuietHoursStart, p.QuietHoursEnd })
            .SingleAsync(cancellationToken);
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(row.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        return new Recipients(row.PatientId, row.UserId, row.ReminderChannel, row.PrimaryTherapistId, row.PrescriberId, zone, row.QuietHoursStart, row.QuietHoursEnd);
    }

    /// <summary>
    /// After a patient changes their reminder preferences: their open reminders follow the new channel (the in-app
    /// copy always stays) and move out of their new quiet hours. A reminder that the old quiet hours pushed later is
    /// not pulled earlier again.
    /// </summary>
    public async Task ApplyPatientPreferencesAsync(IKapDbContext db, Patient patient, CancellationToken cancellationToken)
    {
        if (patient.UserId is not { } userId)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(patient.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var settings = new Recipients(patient.Id, userId, patient.ReminderChannel, Guid.Empty, Guid.Empty, zone, patient.QuietHoursStart, patient.QuietHoursEnd)
            .Settings(options.CurrentValue.ToSettings());
        var open = await db.Reminders
            .Where(r => r.RecipientUserId == userId && r.RecipientRole == RecipientRole.Patient && r.Status == ReminderStatus.Planned && r.DueUtc > now)
            .ToListAsync(cancellationToken);
        var starts = await db.Appointments.Where(a => a.PatientId == patient.Id && a.StartUtc > now).ToDictionaryAsync(a => a.Id, a => a.StartUtc, cancellationToken);
        foreach (var inApp in open.Where(r => r.Channel == ReminderChannel.InApp))
        {
            var before = inApp.AppointmentId is { } a && starts.TryGetValue(a, out var start) ? start : (DateTime?)null;
            var due = ReminderPlanner.Quiet(inApp.DueUtc, zone, settings, before, now);
            var channels = patient.ReminderChannel == ReminderChannel.InApp ? [ReminderChannel.InApp] : new[] { ReminderChannel.InApp, patient.ReminderChannel };
            var same = open.Where(r => r.Kind == inApp.Kind && r.AppointmentId == inApp.AppointmentId && r.DueUtc == inApp.DueUtc).ToList();
            if (due == inApp.DueUtc && same.Select(r => r.Channel).Order().SequenceEqual(channels.Order()))
            {
                continue;
            }

            foreach (var old in same)
            {
                old.Withdraw("The patient changed their reminder preferences.");
            }

            foreach (var channel in channels)
            {
                db.Reminders.Add(new Reminder(inApp.Kind, RecipientRole.Patient, userId, channel, due, inApp.ExpiresUtc, inApp.AppointmentId, inApp.CourseId, patient.Id, now));
            }
        }
    }

    private sealed record Recipients(Guid PatientId, Guid? PatientUserId, ReminderChannel PatientChannel, Guid TherapistId, Guid PrescriberId, TimeZoneInfo PatientZone,
        TimeOnly? QuietStart = null, TimeOnly? QuietEnd = null)
    {
        /// <summary>The clinic's reminder settings with the patient's own quiet hours, when they chose some.</summary>
        public ReminderSettings Settings(ReminderSettings clinic) =>
            QuietStart is { } start && QuietEnd is { } end ? clinic with { QuietHoursStart = start, QuietHoursEnd = end } : clinic;

        public IEnumerable<(Guid UserId, ReminderChannel Channel)> For(RecipientRole role)
        {
            switch (role)
            {
                case RecipientRole.Patient when PatientUserId is { } user:
                    yield return (user, ReminderChannel.InApp);
                    if (PatientChannel != ReminderChannel.InApp)
                    {
                        yield return (user, PatientChannel);
                    }

                    break;
                case RecipientRole.Therapist:
                    yield return (TherapistId, ReminderChannel.InApp);
                    break;
                case RecipientRole.Prescriber:
                    yield return (PrescriberId, ReminderChannel.InApp);
                    break;
            }
        }
    }
}
