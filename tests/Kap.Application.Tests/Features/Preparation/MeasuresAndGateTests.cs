using Kap.Application.Common.Results;
using Kap.Application.Features.Courses.ChangeCoursePhase;
using Kap.Application.Features.Courses.GetCourse;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Features.Preparation.Clearance;
using Kap.Application.Features.Preparation.Consent;
using Kap.Application.Features.Preparation.PreparationNotes;
using Kap.Application.Features.Preparation.RiskAssessment;
using Kap.Application.Features.Preparation.Screening;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Courses;
using Kap.Domain.Measures;
using Kap.Domain.Preparation;
using Kap.Domain.Screening;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Preparation;

/// <summary>The whole gate through commands: each item missing alone refuses with that item named; all met lets the course into Dosing.</summary>
public sealed class MeasuresAndGateTests : ClinicTest
{
    private static readonly int?[] Phq9Moderate = [2, 2, 1, 1, 2, 1, 1, 2, 0];
    private static readonly int?[] Gad7Mild = [1, 1, 1, 1, 1, 1, 0];
    private static readonly int?[] CssrsNone = [0, 0, null, null, null, 0, null];

    public enum Item { Clearance, Consent, Measures, PreparationSession, None }

    private async Task<Guid> CourseInPreparationAsync(Item skip)
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await MoveAsync(course, CoursePhase.Screening);
        Assert.True((await _app.SendAsync(new RecordSuitabilityCommand(course, "SSRIs", true, "Partner", "Work", SuitabilityDecision.Suitable, null))).IsSuccess);
        await MoveAsync(course, CoursePhase.Preparation);

        if (skip != Item.Consent)
        {
            _clinic.AsAdmin();
            var version = (await _app.SendAsync(new PublishConsentVersionCommand("Consent", "Text"))).Value;
            _clinic.AsTherapistA();
            Assert.True((await _app.SendAsync(new RecordConsentCommand(course, version, "Jamie Rivera"))).IsSuccess);
        }

        if (skip != Item.PreparationSession)
        {
            Assert.True((await _app.SendAsync(new RecordPreparationNoteCommand(course, null, "Reconnect", null))).IsSuccess);
        }

        if (skip != Item.Measures)
        {
            await MeasureAsync(course, Instrument.Phq9, Phq9Moderate);
            await MeasureAsync(course, Instrument.Gad7, Gad7Mild);
            await MeasureAsync(course, Instrument.CssrsScreener, CssrsNone);
        }

        if (skip != Item.Clearance)
        {
            _clinic.AsNpA();
            var saved = await _app.SendAsync(new SaveClearanceCommand(course, null, 124, 80, 70, 70m, 170m, "None", "None known", PregnancyStatus.NotApplicable,
                [], [], []));
            Assert.True(saved.IsSuccess, saved.Error?.Message);
            var clearance = (await _app.SendAsync(new GetClearanceQuery(course))).Value!;
            Assert.True((await _app.SendAsync(new SignClearanceCommand(clearance.Id, clearance.Version))).IsSuccess);
            _clinic.AsTherapistA();
        }

        return course;
    }

    private async Task<Result<Guid>> MoveAsync(Guid course, CoursePhase to)
    {
        var version = (await _app.SendAsync(new GetCourseQuery(course))).Value.Version;
        return await _app.SendAsync(new ChangeCoursePhaseCommand(course, version, to, null));
    }

    private async Task<MeasureSummaryDto> MeasureAsync(Guid course, Instrument instrument, int?[] responses)
    {
        var result = await _app.SendAsync(new RecordMeasureCommand(course, instrument, responses));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    [Fact]
    public async Task With_every_item_met_the_course_enters_Dosing()
    {
        var course = await CourseInPreparationAsync(Item.None);

        var result = await MoveAsync(course, CoursePhase.Dosing);

        Assert.True(result.IsSuccess, string.Join("; ", result.Error?.Details ?? [result.Error?.Message ?? ""]));
    }

    [Theory]
    [InlineData(Item.Clearance, "Medical clearance")]
    [InlineData(Item.Consent, "Informed consent")]
    [InlineData(Item.Measures, "Baseline measures")]
    [InlineData(Item.PreparationSession, "preparation sessions")]
    public async Task Each_item_missing_alone_refuses_with_that_item_named(Item skip, string named)
    {
        var course = await CourseInPreparationAsync(skip);

        var result = await MoveAsync(course, CoursePhase.Dosing);

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        var problems = result.Error.Details ?? [result.Error.Message];
        Assert.Contains(named, Assert.Single(problems), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Phq9_item_9_alerts_the_therapist_at_once_and_blocks_dosing_until_a_risk_assessment()
    {
        var course = await CourseInPreparationAsync(Item.None);
        _app.Emails.FailWith = null;

        var alert = await MeasureAsync(course, Instrument.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1]);

        Assert.True(alert.RequiresRiskAssessment);
        Assert.Equal(1, alert.Total);
        await using (var db = _app.Db())
        {
            var inbox = await db.InboxMessages.SingleAsync(m => m.UserId == _clinic.TherapistA && m.Subject.StartsWith("Suicide-risk alert"));
            Assert.Contains("Dosing is blocked", inbox.Body);
        }

        var email = Assert.Single(_app.Emails.Sent);
        Assert.DoesNotContain("Rivera", email.Subject + email.TextBody);
        Assert.DoesNotContain("item 9", email.TextBody, StringComparison.OrdinalIgnoreCase);

        var blocked = await MoveAsync(course, CoursePhase.Dosing);
        Assert.Contains("risk assessment", Assert.Single(blocked.Error!.Details ?? [blocked.Error.Message]), StringComparison.OrdinalIgnoreCase);

        _app.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.True((await _app.SendAsync(new RecordRiskAssessmentCommand(course, RiskAssessmentOutcome.SafeToContinue, "Passive thoughts; safety plan agreed"))).IsSuccess);
        Assert.True((await MoveAsync(course, CoursePhase.Dosing)).IsSuccess);
    }

    [Fact]
    public async Task A_trauma_focused_course_also_needs_a_pcl5_at_baseline()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await using (var db = _app.Db())
        {
            var entity = await db.Courses.SingleAsync(c => c.Id == course);
            db.Entry(entity).Property(c => c.Indications).CurrentValue = Indication.Ptsd;
            await db.SaveChangesAsync();
        }

        await MeasureAsync(course, Instrument.Phq9, Phq9Moderate);
        await MeasureAsync(course, Instrument.Gad7, Gad7Mild);
        await MeasureAsync(course, Instrument.CssrsScreener, CssrsNone);
        var detail = (await _app.SendAsync(new Kap.Application.Features.Preparation.GetPreparation.GetPreparationQuery(course))).Value;
        Assert.False(detail.Gate[2].Met);

        await MeasureAsync(course, Instrument.Pcl5, Enumerable.Repeat<int?>(1, 20).ToArray());
        detail = (await _app.SendAsync(new Kap.Application.Features.Preparation.GetPreparation.GetPreparationQuery(course))).Value;
        Assert.True(detail.Gate[2].Met);
    }

    [Fact]
    public async Task An_incomplete_form_is_kept_as_invalid_and_does_not_count()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        var partial = await MeasureAsync(course, Instrument.Gad7, [1, 1, null, 1, 1, 1, 0]);

        Assert.False(partial.IsValid);
        Assert.Null(partial.Total);
    }

    [Fact]
    public async Task Impossible_answers_are_refused_and_nothing_is_saved()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        var outOfRange = await _app.SendAsync(new RecordMeasureCommand(course, Instrument.Phq9, [4, 0, 0, 0, 0, 0, 0, 0, 0]));
        var wrongCount = await _app.SendAsync(new RecordMeasureCommand(course, Instrument.Gad7, [0, 0, 0]));

        Assert.Equal(ErrorKind.Validation, outOfRange.Error!.Kind);
        Assert.Equal(ErrorKind.Validation, wrongCount.Error!.Kind);
        await using var db = _app.Db();
        Assert.Equal(0, await db.MeasureRecords.CountAsync());
    }
}
