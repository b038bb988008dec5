using Kap.Application.Common.Results;
using Kap.Application.Features.Courses.ChangeCoursePhase;
using Kap.Application.Features.Courses.GetCourse;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Courses;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Courses;

public sealed class ChangeCoursePhaseTests : ClinicTest
{
    private async Task<Result<Guid>> MoveAsync(Guid course, CoursePhase to, string? reason = null)
    {
        var current = (await _app.SendAsync(new GetCourseQuery(course))).Value;
        return await _app.SendAsync(new ChangeCoursePhaseCommand(course, current.Version, to, reason));
    }

    [Fact]
    public async Task A_course_moves_along_its_path_and_keeps_its_history()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        Assert.True((await MoveAsync(course, CoursePhase.Screening)).IsSuccess);
        _app.Clock.Advance(TimeSpan.FromDays(7));
        Assert.True((await MoveAsync(course, CoursePhase.Preparation)).IsSuccess);

        var detail = (await _app.SendAsync(new GetCourseQuery(course))).Value;
        Assert.Equal(CoursePhase.Preparation, detail.Phase);
        Assert.Equal([CoursePhase.Screening, CoursePhase.Preparation], detail.History.Select(h => h.To));
        Assert.Equal("Therapist A", detail.History[0].ByName);
        Assert.Equal(
            [PhaseStatus.Done, PhaseStatus.Done, PhaseStatus.Current, PhaseStatus.NotStarted, PhaseStatus.NotStarted, PhaseStatus.NotStarted],
            detail.Timeline.Select(t => t.Status));
        Assert.Equal(KapTestApp.Now.UtcDateTime.AddDays(7), detail.Timeline[2].EnteredAtUtc);
    }

    [Fact]
    public async Task Entering_Dosing_names_every_missing_preparation_item()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await MoveAsync(course, CoursePhase.Screening);
        await MoveAsync(course, CoursePhase.Preparation);

        var result = await MoveAsync(course, CoursePhase.Dosing);

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        var details = result.Error.Details!;
        Assert.Contains(details, d => d.Contains("clearance", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(details, d => d.Contains("consent", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(details, d => d.Contains("PHQ-9", StringComparison.Ordinal));
        Assert.Contains(details, d => d.Contains("preparation sessions", StringComparison.OrdinalIgnoreCase));
        // The patient has a support person with a phone number, so that item is met.
        Assert.DoesNotContain(details, d => d.Contains("support person", StringComparison.OrdinalIgnoreCase));
        await using var db = _app.Db();
        Assert.Equal(CoursePhase.Preparation, (await db.Courses.SingleAsync()).Phase);
    }

    [Fact]
    public async Task Skipping_a_phase_is_refused_with_what_comes_next()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        var result = await MoveAsync(course, CoursePhase.Preparation);

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        Assert.Contains("Screening", result.Error.Message);
    }

    [Fact]
    public async Task Hold_needs_a_reason_and_resumes_to_the_phase_it_left()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await MoveAsync(course, CoursePhase.Screening);

        var noReason = await MoveAsync(course, CoursePhase.OnHold, "  ");
        Assert.Equal(ErrorKind.Rule, noReason.Error!.Kind);

        Assert.True((await MoveAsync(course, CoursePhase.OnHold, "Travelling")).IsSuccess);
        var held = (await _app.SendAsync(new GetCourseQuery(course))).Value;
        Assert.Equal([CoursePhase.Screening, CoursePhase.Discontinued], held.AllowedTargets.Order());

        Assert.True((await MoveAsync(course, CoursePhase.Screening)).IsSuccess);
        Assert.Equal(CoursePhase.Screening, (await _app.SendAsync(new GetCourseQuery(course))).Value.Phase);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var stale = (await _app.SendAsync(new GetCourseQuery(course))).Value.Version;
        await MoveAsync(course, CoursePhase.Screening);

        var result = await _app.SendAsync(new ChangeCoursePhaseCommand(course, stale, CoursePhase.OnHold, "Because"));

        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        await using var db = _app.Db();
        Assert.Equal(CoursePhase.Screening, (await db.Courses.SingleAsync()).Phase);
    }

    [Fact]
    public async Task The_prescribing_np_may_move_the_course_but_another_np_may_not()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync(prescriber: _clinic.NpA);
        _clinic.AsNpB();
        var stranger = await _app.SendAsync(new ChangeCoursePhaseCommand(course, Guid.NewGuid(), CoursePhase.Screening, null));
        Assert.Equal(ErrorKind.NotFound, stranger.Error!.Kind);

        _clinic.AsNpA();
        Assert.True((await MoveAsync(course, CoursePhase.Screening)).IsSuccess);
    }
}
