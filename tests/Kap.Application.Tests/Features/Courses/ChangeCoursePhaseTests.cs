using Kap.Application.Common.Results;
using Kap.Application.Features.Courses.ChangeCoursePhase;
using Kap.Application.Features.Courses.GetCourse;
using Kap.Application.Tests.Infrastructure;
using Kap.Application.Features.Preparation.Consent;
using Kap.Application.Features.Preparation.PreparationNotes;
using Kap.Application.Features.Preparation.Screening;
using Kap.Domain.Courses;
using Kap.Domain.Screening;
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
        await RecordSuitabilityAsync(course, SuitabilityDecision.Suitable);
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
        await RecordSuitabilityAsync(course, SuitabilityDecision.Suitable);
        Assert.True((await MoveAsync(course, CoursePhase.Preparation)).IsSuccess);

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

    private async Task RecordSuitabilityAsync(Guid course, SuitabilityDecision decision)
    {
        var result = await _app.SendAsync(new RecordSuitabilityCommand(course, "Two SSRIs and CBT, little benefit", true, "Partner and sister nearby",
            "Feel able to work again", decision, decision == SuitabilityDecision.Suitable ? null : "See note"));
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(SuitabilityDecision.NotSuitable)]
    [InlineData(SuitabilityDecision.NeedsMedicalReview)]
    public async Task Preparation_needs_a_suitable_screening_decision(SuitabilityDecision? decision)
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await MoveAsync(course, CoursePhase.Screening);
        if (decision is { } d)
        {
            await RecordSuitabilityAsync(course, d);
        }

        var result = await MoveAsync(course, CoursePhase.Preparation);

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        Assert.Contains("suitable", result.Error.Message);
        Assert.Equal(CoursePhase.Screening, (await _app.SendAsync(new GetCourseQuery(course))).Value.Phase);
    }

    [Fact]
    public async Task Consent_and_preparation_notes_tick_their_gate_items()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await MoveAsync(course, CoursePhase.Screening);
        await RecordSuitabilityAsync(course, SuitabilityDecision.Suitable);
        await MoveAsync(course, CoursePhase.Preparation);
        _clinic.AsAdmin();
        var version = (await _app.SendAsync(new PublishConsentVersionCommand("Consent to ketamine-assisted psychotherapy", "What the treatment is, its risks..."))).Value;
        _clinic.AsTherapistA();
        Assert.True((await _app.SendAsync(new RecordConsentCommand(course, version, "Jamie  Rivera"))).IsSuccess);
        Assert.True((await _app.SendAsync(new RecordPreparationNoteCommand(course, null, "To reconnect with my family", null))).IsSuccess);

        var result = await MoveAsync(course, CoursePhase.Dosing);

        var details = result.Error!.Details!;
        Assert.DoesNotContain(details, d => d.Contains("consent", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(details, d => d.Contains("preparation sessions", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(details, d => d.Contains("clearance", StringComparison.OrdinalIgnoreCase));

        // A new consent version makes the earlier signature out of date.
        _clinic.AsAdmin();
        await _app.SendAsync(new PublishConsentVersionCommand("Consent to ketamine-assisted psychotherapy", "Revised text"));
        _clinic.AsTherapistA();
        var again = await MoveAsync(course, CoursePhase.Dosing);
        Assert.Contains(again.Error!.Details!, d => d.Contains("consent", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Consent_is_signed_with_the_patients_legal_name_on_the_current_version()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        _clinic.AsAdmin();
        await _app.SendAsync(new PublishConsentVersionCommand("Consent", "v1"));
        var v2 = (await _app.SendAsync(new PublishConsentVersionCommand("Consent", "v2"))).Value;
        _clinic.AsTherapistA();

        var wrongName = await _app.SendAsync(new RecordConsentCommand(course, v2, "J. Rivera"));
        var oldVersion = await _app.SendAsync(new RecordConsentCommand(course, v2 - 1, "Jamie Rivera"));

        Assert.Contains("PatientTypedName", wrongName.Error!.Fields!.Keys);
        Assert.Equal(ErrorKind.Rule, oldVersion.Error!.Kind);
        Assert.Contains("Version 2", oldVersion.Error.Message);
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
