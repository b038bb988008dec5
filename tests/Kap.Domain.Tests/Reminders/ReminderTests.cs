using Kap.Domain.Patients;
using Kap.Domain.Reminders;

namespace Kap.Domain.Tests.Reminders;

public sealed class ReminderTests
{
    private const int MaxAttempts = 3;

    private static readonly DateTime Due = new(2027, 1, 19, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Expires = new(2027, 1, 20, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime PlannedAt = new(2027, 1, 6, 15, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Recipient = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly Guid Appointment = Guid.Parse("22222222-0000-0000-0000-000000000001");
    private static readonly Guid Course = Guid.Parse("33333333-0000-0000-0000-000000000001");
    private static readonly Guid Patient = Guid.Parse("44444444-0000-0000-0000-000000000001");

    private static Reminder NewReminder() =>
        new(ReminderKind.DosingChecklist, RecipientRole.Patient, Recipient, ReminderChannel.Email, Due, Expires, Appointment, Course, Patient, PlannedAt);

    [Fact]
    public void A_new_reminder_is_planned_with_no_attempts()
    {
        var reminder = NewReminder();

        Assert.Equal(ReminderStatus.Planned, reminder.Status);
        Assert.Equal(ReminderKind.DosingChecklist, reminder.Kind);
        Assert.Equal(RecipientRole.Patient, reminder.RecipientRole);
        Assert.Equal(Recipient, reminder.RecipientUserId);
        Assert.Equal(ReminderChannel.Email, reminder.Channel);
        Assert.Equal(Due, reminder.DueUtc);
        Assert.Equal(Expires, reminder.ExpiresUtc);
        Assert.Equal(Appointment, reminder.AppointmentId);
        Assert.Equal(Course, reminder.CourseId);
        Assert.Equal(Patient, reminder.PatientId);
        Assert.Equal(PlannedAt, reminder.PlannedAtUtc);
        Assert.Equal(0, reminder.Attempts);
        Assert.Null(reminder.LastError);
        Assert.Null(reminder.SentAtUtc);
        Assert.True(reminder.IsOpen);
        Assert.False(reminder.CanRetry(MaxAttempts));
    }

    [Fact]
    public void A_failed_delivery_counts_an_attempt_keeps_the_error_and_is_retried_later()
    {
        var reminder = NewReminder();
        var retryAt = Due.AddMinutes(5);

        reminder.MarkFailed("SMTP 451 try again", retryAt, MaxAttempts);

        Assert.Equal(ReminderStatus.Failed, reminder.Status);
        Assert.Equal(1, reminder.Attempts);
        Assert.Equal("SMTP 451 try again", reminder.LastError);
        Assert.Equal(retryAt, reminder.DueUtc);
        Assert.True(reminder.CanRetry(MaxAttempts));
        Assert.True(reminder.IsOpen);
    }

    [Fact]
    public void The_last_allowed_failure_leaves_the_due_time_and_ends_the_retries()
    {
        var reminder = NewReminder();
        reminder.MarkFailed("first", Due.AddMinutes(5), MaxAttempts);
        reminder.MarkFailed("second", Due.AddMinutes(20), MaxAttempts);
        Assert.Equal(Due.AddMinutes(20), reminder.DueUtc);
        Assert.True(reminder.CanRetry(MaxAttempts));

        reminder.MarkFailed("third", Due.AddHours(1), MaxAttempts);

        Assert.Equal(3, reminder.Attempts);
        Assert.Equal("third", reminder.LastError);
        Assert.Equal(Due.AddMinutes(20), reminder.DueUtc);
        Assert.Equal(ReminderStatus.Undeliverable, reminder.Status);
        Assert.False(reminder.CanRetry(MaxAttempts));
    }

    [Fact]
    public void With_a_single_attempt_allowed_one_failure_is_final()
    {
        var reminder = NewReminder();

        reminder.MarkFailed("no route", Due.AddMinutes(5), maxAttempts: 1);

        Assert.Equal(Due, reminder.DueUtc);
        Assert.False(reminder.CanRetry(1));
    }

    [Fact]
    public void A_long_error_is_kept_to_500_characters()
    {
        var reminder = NewReminder();
        var error = new string('x', 499) + "yz" + new string('!', 100);

        reminder.MarkFailed(error, Due.AddMinutes(5), MaxAttempts);

        Assert.Equal(500, reminder.LastError!.Length);
        Assert.Equal(error[..500], reminder.LastError);
        Assert.EndsWith("y", reminder.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_of_exactly_500_characters_is_kept_whole()
    {
        var reminder = NewReminder();
        var error = new string('e', 500);

        reminder.MarkFailed(error, Due.AddMinutes(5), MaxAttempts);

        Assert.Equal(error, reminder.LastError);
    }

    [Fact]
    public void Sending_after_a_failure_counts_the_attempt_and_clears_the_error()
    {
        var reminder = NewReminder();
        reminder.MarkFailed("timeout", Due.AddMinutes(5), MaxAttempts);
        var sentAt = Due.AddMinutes(6);

        reminder.MarkSent(sentAt);

        Assert.Equal(ReminderStatus.Sent, reminder.Status);
        Assert.Equal(2, reminder.Attempts);
        Assert.Null(reminder.LastError);
        Assert.Equal(sentAt, reminder.SentAtUtc);
        Assert.False(reminder.IsOpen);
        Assert.False(reminder.CanRetry(MaxAttempts));
    }

    [Fact]
    public void A_planned_reminder_can_be_withdrawn_with_the_reason()
    {
        var reminder = NewReminder();

        reminder.Withdraw("Appointment cancelled");

        Assert.Equal(ReminderStatus.Withdrawn, reminder.Status);
        Assert.Equal("Appointment cancelled", reminder.LastError);
        Assert.False(reminder.IsOpen);
    }

    [Fact]
    public void A_failed_reminder_can_be_withdrawn_and_is_no_longer_retried()
    {
        var reminder = NewReminder();
        reminder.MarkFailed("timeout", Due.AddMinutes(5), MaxAttempts);

        reminder.Withdraw("Appointment moved");

        Assert.Equal(ReminderStatus.Withdrawn, reminder.Status);
        Assert.Equal("Appointment moved", reminder.LastError);
        Assert.False(reminder.CanRetry(MaxAttempts));
        Assert.False(reminder.IsOpen);
    }

    [Fact]
    public void A_sent_reminder_cannot_be_withdrawn()
    {
        var reminder = NewReminder();
        reminder.MarkSent(Due);

        reminder.Withdraw("Appointment cancelled");

        Assert.Equal(ReminderStatus.Sent, reminder.Status);
        Assert.Null(reminder.LastError);
    }

    [Fact]
    public void An_expired_reminder_cannot_be_withdrawn()
    {
        var reminder = NewReminder();
        reminder.MarkExpired("The session had started");

        reminder.Withdraw("Appointment cancelled");

        Assert.Equal(ReminderStatus.Expired, reminder.Status);
        Assert.Equal("The session had started", reminder.LastError);
        Assert.False(reminder.IsOpen);
    }

    [Fact]
    public void A_withdrawn_reminder_keeps_its_first_reason()
    {
        var reminder = NewReminder();
        reminder.Withdraw("Appointment cancelled");

        reminder.Withdraw("Appointment moved");

        Assert.Equal(ReminderStatus.Withdrawn, reminder.Status);
        Assert.Equal("Appointment cancelled", reminder.LastError);
    }

    [Fact]
    public void Only_a_failed_reminder_with_attempts_left_can_be_retried()
    {
        var planned = NewReminder();
        var failed = NewReminder();
        failed.MarkFailed("timeout", Due.AddMinutes(5), MaxAttempts);

        Assert.False(planned.CanRetry(MaxAttempts));
        Assert.True(failed.CanRetry(MaxAttempts));
        Assert.True(failed.CanRetry(2));
        Assert.False(failed.CanRetry(1));
    }

    [Fact]
    public void Kinds_keep_their_stored_numbers()
    {
        Assert.Equal(0, (int)ReminderKind.DosingPreparation);
        Assert.Equal(1, (int)ReminderKind.DosingChecklist);
        Assert.Equal(2, (int)ReminderKind.DosingSoon);
        Assert.Equal(3, (int)ReminderKind.AppointmentReminder);
        Assert.Equal(4, (int)ReminderKind.NextDayCheckIn);
        Assert.Equal(5, (int)ReminderKind.IntegrationBookingCheck);
        Assert.Equal(6, (int)ReminderKind.FollowUpMeasures);
    }
}
