using Kap.Application.Features.Courses.ChangeCoursePhase;
using Kap.Application.Features.Courses.GetCourse;
using Kap.Application.Features.Reminders.SendDailyDigests;
using Kap.Application.Tests.Features.Scheduling;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Courses;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Reminders;

public sealed class FollowUpsAndDigestTests : SchedulingTest
{
    /// <summary>Arrange only: puts a course in Integration as if its preparation and dosing were done (the gate's records arrive with later features).</summary>
    private async Task InIntegrationAsync(Guid courseId)
    {
        await using var db = _app.Db();
        var course = await db.Courses.Include(c => c.History).SingleAsync(c => c.Id == courseId);
        var ready = new DosingReadiness(true, true, true, true, true);
        foreach (var phase in new[] { CoursePhase.Screening, CoursePhase.Preparation, CoursePhase.Dosing, CoursePhase.Integration })
        {
            Assert.True(course.TransitionTo(phase, KapTestApp.Now.UtcDateTime, _clinic.TherapistA, readiness: ready).IsSuccess);
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Completing_a_course_plans_the_one_and_three_month_follow_ups()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await InIntegrationAsync(course);
        var version = (await _app.SendAsync(new GetCourseQuery(course))).Value.Version;

        var result = await _app.SendAsync(new ChangeCoursePhaseCommand(course, version, CoursePhase.Completed, null));

        Assert.True(result.IsSuccess, Describe(result.Error));
        await using var db = _app.Db();
        var followUps = await db.Reminders.Where(r => r.CourseId == course && r.Kind == ReminderKind.FollowUpMeasures && r.Channel == Kap.Domain.Patients.ReminderChannel.InApp)
            .OrderBy(r => r.DueUtc).Select(r => r.DueUtc).ToListAsync();
        // Completed on 24 November 2026; the patient is in Chicago (UTC−6 in winter, −5 in summer): 10:00 local.
        Assert.Equal([Utc(2026, 12, 24, 16), Utc(2027, 2, 24, 16)], followUps);
    }

    [Fact]
    public async Task Discontinuing_a_course_withdraws_its_open_reminders()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await BookDosingAsync(course);
        var version = (await _app.SendAsync(new GetCourseQuery(course))).Value.Version;

        var result = await _app.SendAsync(new ChangeCoursePhaseCommand(course, version, CoursePhase.Discontinued, "Moved abroad"));

        Assert.True(result.IsSuccess, Describe(result.Error));
        await using var db = _app.Db();
        Assert.All(await db.Reminders.Where(r => r.CourseId == course).ToListAsync(), r => Assert.Equal(ReminderStatus.Withdrawn, r.Status));
    }

    [Fact]
    public async Task Each_clinician_gets_one_digest_a_day_listing_their_sessions()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync("Dana Digest");
        await BookOkAsync(course, AppointmentKind.Preparation, new DateTime(2026, 11, 24, 16, 0, 0), _clinic.TherapistA);
        _app.SignInAsSystem();

        var first = await _app.SendAsync(new SendDailyDigestsCommand());
        var again = await _app.SendAsync(new SendDailyDigestsCommand());

        Assert.Equal(4, first.Value); // two therapists, two NPs
        Assert.Equal(0, again.Value);
        await using var db = _app.Db();
        var digest = await db.InboxMessages.SingleAsync(m => m.UserId == _clinic.TherapistA);
        Assert.StartsWith(SendDailyDigestsHandler.SubjectPrefix, digest.Subject);
        Assert.Contains("16:00 Preparation with Dana Digest", digest.Body);
        var other = await db.InboxMessages.SingleAsync(m => m.UserId == _clinic.TherapistB);
        Assert.Contains("No sessions booked for you today.", other.Body);
        Assert.DoesNotContain("Dana", other.Body);
    }
}
