using Kap.Application.Common.Security;
using Kap.Application.Tests.Features.Scheduling;
using Kap.Domain.Patients;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Reminders;

/// <summary>The dispatcher: due reminders sent once, catch-up after downtime, failures and retries, the integration check, audit.</summary>
public sealed class DispatchRemindersTests : SchedulingTest
{
    /// <summary>Nothing clinical in an email subject: no diagnoses, no drug or treatment names.</summary>
    private static readonly string[] ClinicalWords =
        ["ketamine", "esketamine", "spravato", "depress", "anxiety", "ptsd", "trauma", "psychedelic", "dose", "dosing", "infusion"];

    [Fact]
    public async Task One_run_keeps_claiming_batches_until_nothing_is_due()
    {
        // Batches of one: a backlog (after downtime, or a burst of bookings) is drained by one run, not one batch a minute.
        await _app.DisposeAsync();
        _app = await Infrastructure.KapTestApp.CreateAsync(new() { ["Reminders:DispatchBatchSize"] = "1" });
        _clinic = await Infrastructure.Clinic.CreateAsync(_app);
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var appointment = await BookDosingAsync(course);

        ClockAt(Utc(2026, 12, 1, 16, 1)); // the −72 h, −24 h and −2 h reminders all due, in-app and by email

        Assert.Equal(6, await DispatchAsync());
        Assert.Equal(0, await DispatchAsync());
        Assert.Equal(6, (await RemindersAsync(appointment)).Count(r => r.Status == ReminderStatus.Sent));
    }

    [Fact]
    public async Task Each_due_reminder_is_sent_once_in_app_and_by_email()
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync();
        var patientUser = await PatientUserAsync(patient);
        string patientEmail;
        await using (var db = _app.Db())
        {
            patientEmail = (await db.Users.SingleAsync(u => u.Id == patientUser)).Email!;
        }

        var appointment = await BookDosingAsync(course);

        // Nothing is due yet.
        Assert.Equal(0, await DispatchAsync());

        // Just after the −72 h preparation instructions.
        ClockAt(Utc(2026, 11, 28, 18, 1));
        Assert.Equal(2, await DispatchAsync());
        // −24 h and −2 h, one pass each.
        ClockAt(Utc(2026, 11, 30, 18, 1));
        Assert.Equal(2, await DispatchAsync());
        ClockAt(Utc(2026, 12, 1, 16, 1));
        Assert.Equal(2, await DispatchAsync());

        // A second pass sends nothing more.
        Assert.Equal(0, await DispatchAsync());

        var reminders = await RemindersAsync(appointment);
        var sentKinds = new[] { ReminderKind.DosingPreparation, ReminderKind.DosingChecklist, ReminderKind.DosingSoon };
        Assert.All(reminders.Where(r => sentKinds.Contains(r.Kind)), r =>
        {
            Assert.Equal(ReminderStatus.Sent, r.Status);
            Assert.Equal(1, r.Attempts);
            Assert.NotNull(r.SentAtUtc);
            Assert.Null(r.LastError);
        });
        Assert.All(reminders.Where(r => !sentKinds.Contains(r.Kind)), r => Assert.Equal(ReminderStatus.Planned, r.Status));

        await using var check = _app.Db();
        var inbox = await check.InboxMessages.AsNoTracking().ToListAsync();
        Assert.Equal(3, inbox.Count);
        Assert.All(inbox, m => Assert.Equal(patientUser, m.UserId));
        var inAppIds = reminders.Where(r => sentKinds.Contains(r.Kind) && r.Channel == ReminderChannel.InApp).Select(r => r.Id).Order();
        Assert.Equal(inAppIds, inbox.Select(m => m.ReminderId!.Value).Order());

        var emails = _app.Emails.Sent.ToList();
        Assert.Equal(3, emails.Count);
        Assert.All(emails, e => Assert.Equal(patientEmail, e.To));
        Assert.All(emails, e => Assert.DoesNotContain(ClinicalWords, w => e.Subject.Contains(w, StringComparison.OrdinalIgnoreCase)));
        Assert.All(inbox.Where(m => m.UserId == patientUser), m => Assert.DoesNotContain(ClinicalWords, w => m.Subject.Contains(w, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains(emails, e => e.Subject == "Your session starts soon");
        // The patient sees times in their own zone: 12:00 in Chicago.
        Assert.Contains(emails, e => e.TextBody.Contains("Tuesday 1 December at 12:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_downtime_past_the_start_the_reminders_before_the_session_expire_and_the_check_in_still_goes()
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync();
        var patientUser = await PatientUserAsync(patient);
        var appointment = await BookDosingAsync(course);

        // Kap was down from now until a minute after the session started.
        ClockAt(DosingUtc.AddMinutes(1));
        Assert.Equal(0, await DispatchAsync());

        var reminders = await RemindersAsync(appointment);
        var before = reminders.Where(r => r.Kind is ReminderKind.DosingPreparation or ReminderKind.DosingChecklist or ReminderKind.DosingSoon).ToList();
        Assert.Equal(6, before.Count);
        Assert.All(before, r =>
        {
            Assert.Equal(ReminderStatus.Expired, r.Status);
            Assert.Equal(DosingUtc, r.ExpiresUtc);
            Assert.Null(r.SentAtUtc);
        });
        Assert.Empty(_app.Emails.Sent);
        await using (var db = _app.Db())
        {
            Assert.Equal(0, await db.InboxMessages.CountAsync());
        }

        // The next-day check-in is due after the session: it goes when its time comes.
        Assert.All(reminders.Where(r => r.Kind == ReminderKind.NextDayCheckIn), r => Assert.Equal(ReminderStatus.Planned, r.Status));
        ClockAt(Utc(2026, 12, 2, 20, 1));
        Assert.Equal(2, await DispatchAsync());

        var checkIn = (await RemindersAsync(appointment)).Where(r => r.Kind == ReminderKind.NextDayCheckIn).ToList();
        Assert.All(checkIn, r => Assert.Equal(ReminderStatus.Sent, r.Status));
        var email = Assert.Single(_app.Emails.Sent);
        Assert.Equal("How are you today?", email.Subject);
        await using var check = _app.Db();
        var message = await check.InboxMessages.SingleAsync();
        Assert.Equal(patientUser, message.UserId);
        Assert.Equal(checkIn.Single(r => r.Channel == ReminderChannel.InApp).Id, message.ReminderId);
    }

    [Fact]
    public async Task An_email_failure_is_recorded_and_retried_after_the_retry_interval()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var appointment = await BookDosingAsync(course);
        _app.Emails.FailWith = new IOException("smtp down");

        var due = Utc(2026, 11, 28, 18, 1);
        ClockAt(due);
        Assert.Equal(1, await DispatchAsync());

        var preparation = (await RemindersAsync(appointment)).Where(r => r.Kind == ReminderKind.DosingPreparation).ToList();
        var email = Assert.Single(preparation, r => r.Channel == ReminderChannel.Email);
        Assert.Equal(ReminderStatus.Failed, email.Status);
        Assert.Equal(1, email.Attempts);
        Assert.Contains("smtp down", email.LastError);
        Assert.Equal(due.AddMinutes(10), email.DueUtc);
        Assert.Equal(ReminderStatus.Sent, Assert.Single(preparation, r => r.Channel == ReminderChannel.InApp).Status);
        Assert.Empty(_app.Emails.Sent);

        // Not before the retry interval, even with the server back.
        _app.Emails.FailWith = null;
        ClockAt(due.AddMinutes(5));
        Assert.Equal(0, await DispatchAsync());
        Assert.Empty(_app.Emails.Sent);

        ClockAt(due.AddMinutes(10));
        Assert.Equal(1, await DispatchAsync());

        var retried = (await RemindersAsync(appointment)).Single(r => r.Id == email.Id);
        Assert.Equal(ReminderStatus.Sent, retried.Status);
        Assert.Equal(2, retried.Attempts);
        Assert.Null(retried.LastError);
        Assert.Single(_app.Emails.Sent);
        Assert.Equal(0, await DispatchAsync());
        Assert.Single(_app.Emails.Sent);
    }

    [Fact]
    public async Task The_integration_check_is_withdrawn_when_an_integration_session_is_booked_within_72_hours()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var dosing = await BookDosingAsync(course);
        await BookOkAsync(course, AppointmentKind.Integration, DosingLocal.AddDays(2), _clinic.TherapistA);

        ClockAt(DosingEndUtc.AddHours(72).AddMinutes(1));
        await DispatchAsync();

        var check = Assert.Single(await RemindersAsync(dosing), r => r.Kind == ReminderKind.IntegrationBookingCheck);
        Assert.Equal(ReminderStatus.Withdrawn, check.Status);
        Assert.Equal("An integration session is booked.", check.LastError);
        await using var db = _app.Db();
        Assert.Equal(0, await db.InboxMessages.CountAsync(m => m.UserId == _clinic.TherapistA));
    }

    [Fact]
    public async Task The_integration_check_reaches_the_therapists_inbox_when_none_is_booked()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync("Ada Alpha");
        var dosing = await BookDosingAsync(course);

        ClockAt(DosingEndUtc.AddHours(72).AddMinutes(1));
        await DispatchAsync();

        var check = Assert.Single(await RemindersAsync(dosing), r => r.Kind == ReminderKind.IntegrationBookingCheck);
        Assert.Equal(ReminderStatus.Sent, check.Status);
        await using var db = _app.Db();
        var message = await db.InboxMessages.SingleAsync(m => m.UserId == _clinic.TherapistA);
        Assert.Equal(check.Id, message.ReminderId);
        Assert.Equal("No integration session booked after a dosing session", message.Subject);
        Assert.Contains("Ada Alpha", message.Body);
        Assert.Contains($"/courses/{course}", message.Body);
        // Staff alerts never go by email.
        Assert.DoesNotContain(_app.Emails.Sent, e => e.Subject == message.Subject);
    }

    [Fact]
    public async Task An_sms_reminder_fails_without_a_provider_and_is_not_retried_while_the_in_app_copy_is_sent()
    {
        var (patient, course) = await PatientAsync("Sam Sms", ReminderChannel.Sms);
        var patientUser = await PatientUserAsync(patient);
        // Wednesday 2 December, 10:00 in New York; the reminder is due on 1 December at 15:00Z.
        var appointment = await BookOkAsync(course, AppointmentKind.Consultation, new DateTime(2026, 12, 2, 10, 0, 0), _clinic.TherapistA);
        var planned = await RemindersAsync(appointment);
        Assert.Equal([ReminderChannel.InApp, ReminderChannel.Sms], planned.Select(r => r.Channel).Order());

        ClockAt(Utc(2026, 12, 1, 15, 1));
        Assert.Equal(1, await DispatchAsync());
        // Later passes, well past any retry interval but before the appointment.
        ClockAt(Utc(2026, 12, 1, 16));
        await DispatchAsync();
        ClockAt(Utc(2026, 12, 1, 17));
        await DispatchAsync();

        var reminders = await RemindersAsync(appointment);
        var sms = Assert.Single(reminders, r => r.Channel == ReminderChannel.Sms);
        Assert.Equal(ReminderStatus.Undeliverable, sms.Status);
        Assert.Contains("No SMS provider", sms.LastError);
        Assert.Equal(1, sms.Attempts);
        Assert.Equal(ReminderStatus.Sent, Assert.Single(reminders, r => r.Channel == ReminderChannel.InApp).Status);
        Assert.Empty(_app.Emails.Sent);
        await using var db = _app.Db();
        Assert.Equal(1, await db.InboxMessages.CountAsync(m => m.UserId == patientUser));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "DeliverReminder" && a.EntityId == sms.Id));
    }

    [Fact]
    public async Task Every_dispatch_command_is_audited_as_the_system_and_an_idle_pass_writes_nothing()
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync();
        var appointment = await BookOkAsync(course, AppointmentKind.Consultation, new DateTime(2026, 12, 2, 10, 0, 0), _clinic.TherapistA);
        int auditBefore;
        long lastAuditId;
        await using (var db = _app.Db())
        {
            auditBefore = await db.AuditEntries.CountAsync();
            lastAuditId = await db.AuditEntries.MaxAsync(a => a.Id);
        }

        // Idle: nothing is due.
        Assert.Equal(0, await DispatchAsync());
        await using (var db = _app.Db())
        {
            Assert.Equal(auditBefore, await db.AuditEntries.CountAsync());
        }

        ClockAt(Utc(2026, 12, 1, 15, 1));
        Assert.Equal(2, await DispatchAsync());

        var reminders = await RemindersAsync(appointment);
        await using var check = _app.Db();
        var entries = await check.AuditEntries.AsNoTracking().Where(a => a.Id > lastAuditId).ToListAsync();
        var deliveries = entries.Where(a => a.Action == "DeliverReminder").ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, a =>
        {
            Assert.Equal(SystemPrincipal.Id, a.UserId);
            Assert.True(a.Success);
            Assert.Equal("Reminder", a.EntityType);
            Assert.Equal(patient, a.PatientId);
        });
        Assert.Equal(reminders.Select(r => r.Id).Order(), deliveries.Select(a => a.EntityId!.Value).Order());
        var claim = Assert.Single(entries, a => a.Action == "ClaimDueReminders");
        Assert.Equal(SystemPrincipal.Id, claim.UserId);
        Assert.All(entries, a => Assert.Equal(SystemPrincipal.Id, a.UserId));

        // Idle again once everything is sent.
        var afterSend = await check.AuditEntries.CountAsync();
        Assert.Equal(0, await DispatchAsync());
        Assert.Equal(afterSend, await check.AuditEntries.CountAsync());
    }
}
