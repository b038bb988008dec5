using Kap.Application.Common.Results;
using Kap.Application.Features.Scheduling.CancelAppointment;
using Kap.Application.Features.Scheduling.RecordAppointmentOutcome;
using Kap.Application.Features.Scheduling.RescheduleAppointment;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Scheduling;

/// <summary>Rescheduling, cancelling and recording the outcome of an appointment, and what happens to its reminders.</summary>
public sealed class AppointmentChangesTests : SchedulingTest
{
    [Fact]
    public async Task Rescheduling_withdraws_the_open_reminders_and_plans_new_ones_for_the_new_time()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var appointment = await BookDosingAsync(course);
        var version = (await AppointmentAsync(appointment)).Version;
        var old = (await RemindersAsync(appointment)).Select(r => r.Id).ToHashSet();

        // A day later, same time.
        var result = await _app.SendAsync(new RescheduleAppointmentCommand(appointment, version, DosingLocal.AddDays(1), null));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var moved = await AppointmentAsync(appointment);
        Assert.Equal(DosingUtc.AddDays(1), moved.StartUtc);
        Assert.Equal(DosingEndUtc.AddDays(1), moved.EndUtc);
        Assert.Equal(result.Value, moved.Version);
        Assert.NotEqual(version, moved.Version);

        var reminders = await RemindersAsync(appointment);
        var withdrawn = reminders.Where(r => old.Contains(r.Id)).ToList();
        Assert.Equal(9, withdrawn.Count);
        Assert.All(withdrawn, r =>
        {
            Assert.Equal(ReminderStatus.Withdrawn, r.Status);
            Assert.Equal("The appointment was moved.", r.LastError);
        });

        var fresh = reminders.Where(r => !old.Contains(r.Id)).ToList();
        Assert.Equal(9, fresh.Count);
        Assert.All(fresh, r => Assert.Equal(ReminderStatus.Planned, r.Status));
        Assert.All(fresh.Where(r => r.Kind == ReminderKind.DosingChecklist), r => Assert.Equal(DosingUtc, r.DueUtc));
        Assert.All(fresh.Where(r => r.Kind == ReminderKind.DosingSoon), r => Assert.Equal(DosingUtc.AddDays(1).AddHours(-2), r.DueUtc));
        Assert.All(fresh.Where(r => r.ExpiresUtc != null && r.Kind != ReminderKind.NextDayCheckIn), r => Assert.Equal(DosingUtc.AddDays(1), r.ExpiresUtc));
        Assert.Equal(DosingEndUtc.AddDays(1).AddHours(72), Assert.Single(fresh, r => r.Kind == ReminderKind.IntegrationBookingCheck).DueUtc);
    }

    [Fact]
    public async Task Rescheduling_with_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var appointment = await BookDosingAsync(course);
        var stale = (await AppointmentAsync(appointment)).Version;
        var first = await _app.SendAsync(new RescheduleAppointmentCommand(appointment, stale, DosingLocal.AddDays(1), null));
        Assert.True(first.IsSuccess, Describe(first.Error));
        var remindersBefore = (await RemindersAsync(appointment)).Select(r => (r.Id, r.Status)).OrderBy(r => r.Id).ToList();

        var result = await _app.SendAsync(new RescheduleAppointmentCommand(appointment, stale, DosingLocal.AddDays(3), null));

        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Equal(DosingUtc.AddDays(1), (await AppointmentAsync(appointment)).StartUtc);
        Assert.Equal(remindersBefore, (await RemindersAsync(appointment)).Select(r => (r.Id, r.Status)).OrderBy(r => r.Id).ToList());
    }

    [Fact]
    public async Task Cancelling_needs_a_reason()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var appointment = await BookDosingAsync(course);
        var version = (await AppointmentAsync(appointment)).Version;

        var result = await _app.SendAsync(new CancelAppointmentCommand(appointment, version, "  "));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Contains("reason", result.Error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(AppointmentStatus.Booked, (await AppointmentAsync(appointment)).Status);
        Assert.All(await RemindersAsync(appointment), r => Assert.Equal(ReminderStatus.Planned, r.Status));
    }

    [Fact]
    public async Task Cancelling_withdraws_the_reminders_and_the_dispatcher_never_sends_them()
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync();
        var patientUser = await PatientUserAsync(patient);
        var appointment = await BookDosingAsync(course);
        var version = (await AppointmentAsync(appointment)).Version;

        var result = await _app.SendAsync(new CancelAppointmentCommand(appointment, version, "Patient is unwell"));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var cancelled = await AppointmentAsync(appointment);
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Status);
        Assert.Equal("Patient is unwell", cancelled.CancelReason);
        var reminders = await RemindersAsync(appointment);
        Assert.Equal(9, reminders.Count);
        Assert.All(reminders, r =>
        {
            Assert.Equal(ReminderStatus.Withdrawn, r.Status);
            Assert.Equal("The appointment was cancelled.", r.LastError);
        });

        // Well after every due time, including the therapist's integration check.
        ClockAt(DosingEndUtc.AddDays(5));
        Assert.Equal(0, await DispatchAsync());

        Assert.Empty(_app.Emails.Sent);
        await using var db = _app.Db();
        Assert.Equal(0, await db.InboxMessages.CountAsync());
        Assert.All(await db.Reminders.ToListAsync(), r => Assert.Equal(ReminderStatus.Withdrawn, r.Status));
        Assert.Equal(0, await db.InboxMessages.CountAsync(m => m.UserId == patientUser || m.UserId == _clinic.TherapistA));
    }

    [Fact]
    public async Task An_outcome_is_recorded_only_once_the_appointment_has_started()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var appointment = await BookDosingAsync(course);
        var version = (await AppointmentAsync(appointment)).Version;

        var early = await _app.SendAsync(new RecordAppointmentOutcomeCommand(appointment, version, AppointmentStatus.Attended));

        Assert.Equal(ErrorKind.Rule, early.Error!.Kind);
        Assert.Contains("not started", early.Error.Message);
        Assert.Equal(AppointmentStatus.Booked, (await AppointmentAsync(appointment)).Status);

        ClockAt(DosingUtc.AddMinutes(5));
        var attended = await _app.SendAsync(new RecordAppointmentOutcomeCommand(appointment, version, AppointmentStatus.Attended));

        Assert.True(attended.IsSuccess, Describe(attended.Error));
        var saved = await AppointmentAsync(appointment);
        Assert.Equal(AppointmentStatus.Attended, saved.Status);
        Assert.Equal(attended.Value, saved.Version);
    }
}
