using Kap.Application.Common.Results;
using Kap.Application.Features.Courses.AddMaintenanceDosing;
using Kap.Application.Features.Courses.GetCourse;
using Kap.Application.Features.Measures.GetMeasureTrends;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Domain.Courses;
using Kap.Domain.Measures;
using Kap.Domain.Reminders;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Integration;

/// <summary>Maintenance dosing as a plan revision, and the outcome trends the charts draw, through the handlers.</summary>
public sealed class MaintenanceAndTrendTests : IntegrationTest
{
    [Fact]
    public async Task Maintenance_dosing_on_a_completed_course_is_a_new_audited_plan_revision_that_reopens_dosing()
    {
        await CourseInDosingAsync();
        await GiveDoseAsync();
        _clinic.AsTherapistA();
        await MoveToAsync(CoursePhase.Integration, CoursePhase.Completed);
        int followUps;
        await using (var db = _app.Db())
        {
            followUps = await db.Reminders.CountAsync(r => r.CourseId == _course && r.Kind == ReminderKind.FollowUpMeasures && r.Status == ReminderStatus.Planned);
            Assert.True(followUps >= 2, "the 1- and 3-month follow-ups are planned at completion");
        }

        Advance(TimeSpan.FromDays(30).TotalMinutes);
        var version = (await _app.SendAsync(new GetCourseQuery(_course))).Value.Version;
        Ok(await _app.SendAsync(new AddMaintenanceDosingCommand(_course, version, 2, "Mood dipping at 4 weeks; boosters before the effect wears off.")));

        var course = (await _app.SendAsync(new GetCourseQuery(_course))).Value;
        Assert.Equal(CoursePhase.Dosing, course.Phase);
        Assert.Equal(8, course.Plan.DosingSessions);
        var revision = Assert.Single(course.Revisions);
        Assert.Equal((1, 6, 8), (revision.Number, revision.DosingSessionsBefore, revision.DosingSessionsAfter));
        Assert.Contains("Maintenance dosing (+2)", course.History[^1].Reason);

        await using (var db = _app.Db())
        {
            Assert.Equal(0, await db.Reminders.CountAsync(r => r.CourseId == _course && r.Kind == ReminderKind.FollowUpMeasures && r.Status == ReminderStatus.Planned));
            var audit = await db.AuditEntries.Where(e => e.Action == "AddMaintenanceDosing").SingleAsync();
            Assert.True(audit.Success);
            Assert.Contains("plan-revision 1", audit.Outcome);
        }

        // The series' gates apply again: a dose needs a C-SSRS from the last 24 h, and the clearance is still current.
        await GiveDoseAsync();
        _clinic.AsTherapistA();
        await MoveToAsync(CoursePhase.Integration, CoursePhase.Completed);
        await using (var db = _app.Db())
        {
            Assert.Equal(followUps, await db.Reminders.CountAsync(r => r.CourseId == _course && r.Kind == ReminderKind.FollowUpMeasures && r.Status == ReminderStatus.Planned));
        }
    }

    [Fact]
    public async Task Maintenance_is_refused_during_the_series_without_a_reason_and_on_a_stale_version()
    {
        await CourseInDosingAsync();
        _clinic.AsTherapistA();
        var version = (await _app.SendAsync(new GetCourseQuery(_course))).Value.Version;
        var during = await _app.SendAsync(new AddMaintenanceDosingCommand(_course, version, 2, "Because"));
        Assert.Contains("still in Dosing", during.Error!.Message);

        await GiveDoseAsync();
        _clinic.AsTherapistA();
        await MoveToAsync(CoursePhase.Integration);
        version = (await _app.SendAsync(new GetCourseQuery(_course))).Value.Version;
        var noReason = await _app.SendAsync(new AddMaintenanceDosingCommand(_course, version, 2, " "));
        Assert.Equal(ErrorKind.Validation, noReason.Error!.Kind);
        var tooMany = await _app.SendAsync(new AddMaintenanceDosingCommand(_course, version, 13, "Boosters"));
        Assert.Equal(ErrorKind.Validation, tooMany.Error!.Kind);
        var stale = await _app.SendAsync(new AddMaintenanceDosingCommand(_course, Guid.NewGuid(), 2, "Boosters"));
        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
        Assert.Equal(CoursePhase.Integration, (await _app.SendAsync(new GetCourseQuery(_course))).Value.Phase);

        _clinic.AsTherapistB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new AddMaintenanceDosingCommand(_course, version, 2, "Boosters"))).Error!.Kind);
    }

    [Fact]
    public async Task Completion_is_refused_while_a_dosing_session_is_not_discharged_even_from_integration()
    {
        await CourseInDosingAsync();
        await StartAsync(Checklist(_course) with { WeightKg = 70m });

        // The path already forbids Dosing → Completed; the command also refuses a course that reached Integration
        // with a session left open (e.g. records imported from another system).
        await using (var db = _app.Db())
        {
            var course = await db.Courses.SingleAsync(c => c.Id == _course);
            db.Entry(course).Property(c => c.Phase).CurrentValue = CoursePhase.Integration;
            await db.SaveChangesAsync();
        }

        _clinic.AsTherapistA();
        var refused = await MoveAsync(_course, CoursePhase.Completed);
        Assert.Equal(ErrorKind.Rule, refused.Error!.Kind);
        Assert.Contains("still in progress: discharge it (or end it without a dose) before the course moves to Completed", refused.Error.Message);
        Assert.Equal(CoursePhase.Integration, (await _app.SendAsync(new GetCourseQuery(_course))).Value.Phase);
    }

    [Fact]
    public async Task Trends_mark_the_baseline_number_each_score_by_dose_and_show_response_when_reached()
    {
        await CourseInDosingAsync(); // baseline PHQ-9 12, GAD-7 6, before any dose
        for (var dose = 1; dose <= 3; dose++)
        {
            await GiveDoseAsync();
            Advance(TimeSpan.FromHours(48).TotalMinutes);
        }

        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordMeasureCommand(_course, Instrument.Phq9, [1, 1, 1, 1, 1, 1, 0, 0, 0]))); // 6: exactly 50 % of 12
        Ok(await _app.SendAsync(new RecordMeasureCommand(_course, Instrument.Phq9, [1, 1, 1, 1, 1, null, 0, 0, 0]))); // incomplete: kept, not plotted

        var trends = (await _app.SendAsync(new GetMeasureTrendsQuery(_course))).Value;
        Assert.Equal(3, trends.DosesGiven);
        var phq9 = trends.Trends.Single(t => t.Instrument == Instrument.Phq9);
        Assert.Equal(12, phq9.Baseline!.Total);
        Assert.Equal(0, phq9.Baseline.DoseNumber);
        Assert.Equal([0, 3], phq9.Points.Select(p => p.DoseNumber));
        Assert.Equal(6, phq9.FirstResponse!.Total);
        Assert.Null(phq9.FirstRemission);
        Assert.Equal(1, phq9.InvalidForms);
        Assert.Equal([5, 10, 15, 20], phq9.Edges);
        Assert.Equal(OutcomeStatus.Met, phq9.LatestResponse.Status);

        var gad7 = trends.Trends.Single(t => t.Instrument == Instrument.Gad7);
        Assert.True(gad7.Latest!.IsBaseline);
        Assert.Equal(OutcomeStatus.NotApplicable, gad7.LatestResponse.Status);

        _clinic.AsTherapistB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new GetMeasureTrendsQuery(_course))).Error!.Kind);
    }
}
