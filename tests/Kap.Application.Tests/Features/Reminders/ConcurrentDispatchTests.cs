using Kap.Application.Features.Scheduling.BookCourseSessions;
using Kap.Application.Tests.Features.Scheduling;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Patients;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Reminders;

/// <summary>Dispatchers racing over the same due reminders (two tasks, or two app instances on one SQLite file) send each exactly once.</summary>
public sealed class ConcurrentDispatchTests : SchedulingTest
{
    private const int Sessions = 20;

    /// <summary>
    /// Twenty 30-minute consultations on Wednesday 2 December from 09:00 in New York (08:00 in Chicago); their −24 h
    /// reminders (in-app and email) are all due by 13:30Z that day, before the first one starts at 14:00Z.
    /// </summary>
    private async Task<IReadOnlyList<Reminder>> TwentyConsultationsDueAsync()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var sessions = Enumerable.Range(0, Sessions)
            .Select(i => new SessionToBook(AppointmentKind.Consultation, new DateTime(2026, 12, 2, 9, 0, 0).AddMinutes(30 * i), 30))
            .ToList();
        var booked = await _app.SendAsync(new BookCourseSessionsCommand(course, sessions, null, null));
        Assert.True(booked.IsSuccess, Describe(booked.Error));
        Assert.Equal(Sessions, booked.Value);

        ClockAt(Utc(2026, 12, 2, 13, 30));
        var reminders = await RemindersAsync();
        Assert.Equal(2 * Sessions, reminders.Count);
        Assert.All(reminders, r => Assert.True(r.DueUtc <= _app.Clock.GetUtcNow().UtcDateTime && r.ExpiresUtc > _app.Clock.GetUtcNow().UtcDateTime));
        return reminders;
    }

    [Fact]
    public async Task Two_dispatchers_racing_in_one_app_deliver_each_reminder_exactly_once()
    {
        var reminders = await TwentyConsultationsDueAsync();

        _app.SignInAsSystem();
        var passes = await Task.WhenAll(Task.Run(() => _app.DispatchAsync()), Task.Run(() => _app.DispatchAsync()));

        Assert.Equal(2 * Sessions, passes.Sum());
        await AssertEachSentOnceAsync(reminders, _app.Emails.Sent.ToList());
    }

    [Fact]
    public async Task Two_app_instances_on_one_database_deliver_each_reminder_exactly_once()
    {
        var reminders = await TwentyConsultationsDueAsync();
        await using var second = await KapTestApp.CreateAsync(sharedDirectory: _app.DataDirectory);
        second.Clock.SetUtcNow(_app.Clock.GetUtcNow());
        second.SignInAsSystem();
        _app.SignInAsSystem();

        var passes = await Task.WhenAll(Task.Run(() => _app.DispatchAsync()), Task.Run(() => second.DispatchAsync()));

        Assert.Equal(2 * Sessions, passes.Sum());
        await AssertEachSentOnceAsync(reminders, [.. _app.Emails.Sent, .. second.Emails.Sent]);

        // Further passes by either instance send nothing more.
        Assert.Equal(0, await second.DispatchAsync());
        Assert.Equal(0, await _app.DispatchAsync());
        Assert.Equal(Sessions, _app.Emails.Sent.Count + second.Emails.Sent.Count);
    }

    private async Task AssertEachSentOnceAsync(IReadOnlyList<Reminder> reminders, IReadOnlyList<Kap.Application.Common.Interfaces.EmailMessage> emails)
    {
        await using var db = _app.Db();
        var now = await db.Reminders.AsNoTracking().ToListAsync();
        Assert.All(now, r =>
        {
            Assert.Equal(ReminderStatus.Sent, r.Status);
            Assert.Equal(1, r.Attempts);
        });

        var inbox = await db.InboxMessages.AsNoTracking().ToListAsync();
        var inApp = reminders.Where(r => r.Channel == ReminderChannel.InApp).Select(r => r.Id).Order().ToList();
        Assert.Equal(Sessions, inApp.Count);
        Assert.Equal(inApp, inbox.Select(m => m.ReminderId!.Value).Order());
        Assert.All(inbox.GroupBy(m => m.ReminderId), g => Assert.Single(g));

        // One email per email reminder; each names its own appointment time, so duplicates would show.
        Assert.Equal(Sessions, emails.Count);
        Assert.Equal(Sessions, emails.Select(e => e.TextBody).Distinct().Count());
    }
}
