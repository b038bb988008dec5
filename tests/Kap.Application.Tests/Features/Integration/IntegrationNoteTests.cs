using Kap.Application.Common.Results;
using Kap.Application.Features.Integration;
using Kap.Domain.Courses;
using Kap.Domain.Integration;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Integration;

/// <summary>Structured integration notes through the handlers, against SQLite.</summary>
public sealed class IntegrationNoteTests : IntegrationTest
{
    [Fact]
    public async Task A_note_after_a_dose_is_linked_to_it_marks_its_session_attended_and_lists_under_that_dose()
    {
        await CourseInDosingAsync();
        var first = await GiveDoseAsync();
        var appointment = await IntegrationAppointmentAsync(Now.AddHours(20));
        Advance(TimeSpan.FromHours(21).TotalMinutes);

        _clinic.AsTherapistA();
        var id = await _app.SendAsync(Note(_course, first, appointment));
        Assert.True(id.IsSuccess, Describe(id.Error));

        await using (var db = _app.Db())
        {
            var note = await db.IntegrationNotes.SingleAsync();
            Assert.Equal(first, note.DosingSessionId);
            Assert.Equal("grief, connection", note.Themes);
            Assert.Equal(AppointmentStatus.Attended, (await db.Appointments.SingleAsync(a => a.Id == appointment)).Status);
            Assert.Equal((await db.Appointments.SingleAsync(a => a.Id == appointment)).StartUtc, note.HeldAtUtc);
            Assert.Contains(await db.AuditEntries.ToListAsync(), e => e.Action == "RecordIntegrationNote" && e.EntityId == note.Id && e.Success);
        }

        var view = (await _app.SendAsync(new GetIntegrationQuery(_course))).Value;
        var listed = Assert.Single(view.Notes);
        Assert.Equal("After dosing session 1", listed.FollowsText);
        Assert.Equal(["grief", "connection"], listed.Themes);
        Assert.Empty(view.OpenAppointments);
        Assert.True(view.ContentVisible);
    }

    [Fact]
    public async Task Nurse_practitioners_see_that_a_session_was_noted_and_its_risk_check_but_not_its_content_and_cannot_write_one()
    {
        await CourseInDosingAsync();
        var session = await GiveDoseAsync();
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(Note(_course, session)));

        _clinic.AsNpA();
        var view = (await _app.SendAsync(new GetIntegrationQuery(_course))).Value;
        var note = Assert.Single(view.Notes);
        Assert.Null(note.Experience);
        Assert.Null(note.Homework);
        Assert.Empty(note.Themes);
        Assert.Equal(IntegrationRiskCheck.NoConcerns, note.RiskCheck);
        Assert.False(view.CanRecord);

        var refused = await _app.SendAsync(Note(_course, session));
        Assert.Equal(ErrorKind.Forbidden, refused.Error!.Kind);
    }

    [Fact]
    public async Task Another_therapists_course_is_not_found_and_nothing_is_written()
    {
        await CourseInDosingAsync();
        var session = await GiveDoseAsync();
        _clinic.AsTherapistB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(Note(_course, session))).Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new GetIntegrationQuery(_course))).Error!.Kind);
        await using var db = _app.Db();
        Assert.Equal(0, await db.IntegrationNotes.CountAsync());
    }

    [Fact]
    public async Task A_session_still_in_progress_cannot_be_integrated_yet()
    {
        await CourseInDosingAsync();
        var session = await StartAsync(Checklist(_course) with { WeightKg = 70m });
        _clinic.AsTherapistA();
        var refused = await _app.SendAsync(Note(_course, session));
        Assert.Contains("still in progress", Describe(refused.Error));
        var series = await _app.SendAsync(Note(_course, null));
        Assert.Contains("no dosing session with a dose given", Describe(series.Error));
    }

    [Fact]
    public async Task A_course_still_in_preparation_has_nothing_to_integrate()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var refused = await _app.SendAsync(Note(course, null));
        Assert.Equal(ErrorKind.Rule, refused.Error!.Kind);
        Assert.Contains("has not reached its dosing sessions", refused.Error.Message);
    }

    [Theory]
    [InlineData("", IntegrationRiskCheck.NoConcerns, null, "Describe the patient's experience")]
    [InlineData("Calm", IntegrationRiskCheck.ConcernRaised, null, "record what the patient said and what was done")]
    [InlineData("Calm", (IntegrationRiskCheck)7, null, "Record the risk check")]
    public async Task Bad_input_is_refused_with_a_message_and_nothing_is_saved(string experience, IntegrationRiskCheck risk, string? riskNote, string message)
    {
        await CourseInDosingAsync();
        var session = await GiveDoseAsync();
        _clinic.AsTherapistA();
        var refused = await _app.SendAsync(Note(_course, session) with { Experience = experience, RiskCheck = risk, RiskNote = riskNote });
        Assert.Equal(ErrorKind.Validation, refused.Error!.Kind);
        Assert.Contains(message, Describe(refused.Error) + " " + string.Join(" ", refused.Error.Fields?.Values.SelectMany(v => v) ?? []));
        await using var db = _app.Db();
        Assert.Equal(0, await db.IntegrationNotes.CountAsync());
    }

    [Fact]
    public async Task A_note_cannot_be_dated_before_the_dose_it_follows_ended_nor_in_the_future()
    {
        await CourseInDosingAsync();
        var session = await GiveDoseAsync();
        _clinic.AsTherapistA();
        var before = await _app.SendAsync(Note(_course, session) with { HeldAtUtc = Now.AddHours(-3) });
        Assert.Contains("before that dosing session ended", Describe(before.Error));
        var future = await _app.SendAsync(Note(_course, session) with { HeldAtUtc = Now.AddHours(2) });
        Assert.Contains("once it has been held", Describe(future.Error));
    }

    [Fact]
    public async Task A_booked_session_takes_one_note_and_a_note_is_never_edited()
    {
        await CourseInDosingAsync();
        var session = await GiveDoseAsync();
        var appointment = await IntegrationAppointmentAsync(Now.AddHours(1));
        Advance(120);
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(Note(_course, session, appointment)));
        var again = await _app.SendAsync(Note(_course, session, appointment));
        Assert.Contains("already has its notes", Describe(again.Error) + string.Join(" ", again.Error!.Fields?.Values.SelectMany(v => v) ?? []));

        await using var db = _app.Db();
        var note = await db.IntegrationNotes.SingleAsync();
        db.Entry(note).Property(n => n.Experience).CurrentValue = "rewritten";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Integration_after_the_series_is_its_own_group_and_can_follow_a_completed_course()
    {
        await CourseInDosingAsync();
        await GiveDoseAsync();
        _clinic.AsTherapistA();
        await MoveToAsync(CoursePhase.Integration, CoursePhase.Completed);
        Advance(60);
        Ok(await _app.SendAsync(Note(_course, null)));
        var view = (await _app.SendAsync(new GetIntegrationQuery(_course))).Value;
        Assert.Equal("After the series", Assert.Single(view.Notes).FollowsText);
    }
}
