using Kap.Application.Common.Results;
using Kap.Application.Features.Dosing;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Features.Preparation.Consent;
using Kap.Application.Features.Preparation.RiskAssessment;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Measures;
using Kap.Domain.Screening;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Dosing;

/// <summary>The pre-dose checklist through the start command: each item refuses alone, naming itself; nothing is saved on refusal.</summary>
public sealed class PreDoseGateTests : DosingTest
{
    public enum BedsideItem { Fasting, Escort, Alcohol, MedicationFlags, BaselineMoaas, BloodPressure }

    [Fact]
    public async Task With_every_item_met_the_session_starts_with_the_dose_computed_and_the_pre_dose_vitals_saved()
    {
        await CourseInDosingAsync();

        var id = await StartAsync();

        await using var db = _app.Db();
        var session = await db.DosingSessions.SingleAsync(s => s.Id == id);
        Assert.Equal(DosingSessionStatus.InProgress, session.Status);
        Assert.Equal(35m, session.PlannedDoseMg);
        Assert.Equal("0.5 mg/kg × 70 kg = 35 mg", session.DoseArithmetic);
        var preDose = await db.SessionVitals.SingleAsync(v => v.SessionId == id);
        Assert.True(preDose.IsPreDose);
        Assert.Equal(128, preDose.Systolic);
    }

    [Theory]
    [InlineData(BedsideItem.Fasting, "Fasting")]
    [InlineData(BedsideItem.Escort, "Escort")]
    [InlineData(BedsideItem.Alcohol, "Alcohol")]
    [InlineData(BedsideItem.MedicationFlags, "Medication flags")]
    [InlineData(BedsideItem.BaselineMoaas, "Baseline MOAA/S")]
    [InlineData(BedsideItem.BloodPressure, "Blood pressure")]
    public async Task Each_bedside_item_missing_alone_refuses_with_that_item_named_and_saves_nothing(BedsideItem missing, string named)
    {
        var course = await CourseInDosingAsync();
        var command = Checklist(course);
        command = missing switch
        {
            BedsideItem.Fasting => command with { FastingConfirmed = false },
            BedsideItem.Escort => command with { EscortConfirmed = false },
            BedsideItem.Alcohol => command with { NoAlcohol24HoursConfirmed = false },
            BedsideItem.MedicationFlags => command with { MedicationFlagsReviewed = false },
            BedsideItem.BaselineMoaas => command with { BaselineMoaas = null },
            _ => command with { Systolic = null, Diastolic = null },
        };

        var result = await _app.SendAsync(command);

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        Assert.StartsWith(named, Assert.Single(Problems(result)).Replace("The session cannot start: ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await using var db = _app.Db();
        Assert.False(await db.DosingSessions.AnyAsync());
        Assert.False(await db.SessionVitals.AnyAsync());
    }

    [Fact]
    public async Task Consent_that_is_no_longer_current_refuses_alone()
    {
        var course = await CourseInDosingAsync();
        _clinic.AsAdmin();
        Ok(await _app.SendAsync(new PublishConsentVersionCommand("Consent v2", "New text")));
        _clinic.AsNpA();

        var problem = Assert.Single(Problems(await _app.SendAsync(Checklist(course))));

        Assert.Contains("Consent", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clearance_past_its_validity_refuses_alone()
    {
        var course = await CourseInDosingAsync();
        Advance(TimeSpan.FromDays(91).TotalMinutes);
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.CssrsScreener, CssrsNone)));
        _clinic.AsNpA();

        var problem = Assert.Single(Problems(await _app.SendAsync(Checklist(course) with { WeightKg = 70m })));

        Assert.Contains("Clearance", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_pre_dose_cssrs_in_the_last_24_hours_refuses_alone()
    {
        var course = await CourseInDosingAsync();
        Advance(25 * 60);

        var problem = Assert.Single(Problems(await _app.SendAsync(Checklist(course))));

        Assert.Contains("C-SSRS: the pre-dose screen has not been done", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_high_risk_cssrs_refuses_even_after_the_risk_assessment()
    {
        var course = await CourseInDosingAsync();
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.CssrsScreener, CssrsHigh)));
        _clinic.AsNpA();
        var before = Problems(await _app.SendAsync(Checklist(course)));
        Assert.Contains(before, p => p.StartsWith("Risk:", StringComparison.Ordinal));
        Assert.Contains(before, p => p.Contains("high risk", StringComparison.Ordinal));

        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordRiskAssessmentCommand(course, RiskAssessmentOutcome.SafeToContinue, "Assessed; safety plan")));
        _clinic.AsNpA();

        var problem = Assert.Single(Problems(await _app.SendAsync(Checklist(course))));
        Assert.Contains("C-SSRS: the pre-dose screen is high risk", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_course_not_in_Dosing_refuses_alone()
    {
        var course = await CourseInDosingAsync();
        _clinic.AsTherapistA();
        Ok(await MoveAsync(course, CoursePhase.OnHold, "Travelling"));
        _clinic.AsNpA();

        var problem = Assert.Single(Problems(await _app.SendAsync(Checklist(course))));

        Assert.Contains("Course phase", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Less_than_the_minimum_interval_since_the_last_dose_refuses_alone()
    {
        var course = await CourseInDosingAsync();
        var first = await StartAsync();
        Ok(await _app.SendAsync(new RecordAdministrationCommand(first, _racemicLot, 35m, null)));
        var endWithout = await _app.SendAsync(new EndSessionWithoutDoseCommand(first, "n/a"));
        Assert.Contains("A dose has been given", endWithout.Error!.Message, StringComparison.Ordinal);
        await using (var db = _app.Db())
        {
            // Close the first session directly so this test is about the interval only.
            await db.Database.ExecuteSqlRawAsync("UPDATE DosingSessions SET Status = 1");
        }

        Advance(47 * 60);
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.CssrsScreener, CssrsNone)));
        _clinic.AsNpA();

        var problem = Assert.Single(Problems(await _app.SendAsync(Checklist(course))));
        Assert.Contains("Interval: 47 h since the last dose; the minimum is 48 h.", problem, StringComparison.Ordinal);

        Advance(60);
        Assert.True((await _app.SendAsync(Checklist(course))).IsSuccess);
    }

    [Fact]
    public async Task A_weight_older_than_the_validity_window_refuses_until_the_patient_is_weighed_again()
    {
        var course = await CourseInDosingAsync();
        Advance(TimeSpan.FromDays(31).TotalMinutes);
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.CssrsScreener, CssrsNone)));
        _clinic.AsNpA();

        var problem = Assert.Single(Problems(await _app.SendAsync(Checklist(course))));
        Assert.Contains("Weigh the patient again", problem, StringComparison.Ordinal);

        var id = await StartAsync(Checklist(course) with { WeightKg = 80m });
        await using var db = _app.Db();
        var session = await db.DosingSessions.SingleAsync(s => s.Id == id);
        Assert.Equal(40m, session.PlannedDoseMg);
        Assert.Equal(80m, session.WeightKg);
    }

    [Fact]
    public async Task A_pre_dose_bp_at_the_threshold_refuses_without_an_override_and_starts_with_one_audited()
    {
        var course = await CourseInDosingAsync();

        var refused = await _app.SendAsync(Checklist(course) with { Systolic = 140, Diastolic = 85 });
        Assert.Contains("140/85 is at or over 140/90", Assert.Single(Problems(refused)), StringComparison.Ordinal);

        var id = await StartAsync(Checklist(course) with { Systolic = 140, Diastolic = 85, BpOverrideReason = "White-coat pattern; home readings 125/80" });

        await using var db = _app.Db();
        var session = await db.DosingSessions.SingleAsync(s => s.Id == id);
        Assert.Equal("White-coat pattern; home readings 125/80", session.BpOverride!.Reason);
        Assert.Equal(_clinic.NpA, session.BpOverride.ByUserId);
        var audit = await db.AuditEntries.Where(a => a.Action == "StartDosingSession" && a.Success).SingleAsync();
        Assert.Equal("ok; bp-override", audit.Outcome);
        Assert.Equal(id, audit.EntityId);
    }

    [Fact]
    public async Task Only_the_courses_prescriber_starts_a_session()
    {
        var course = await CourseInDosingAsync();

        _clinic.AsTherapistA();
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(Checklist(course))).Error!.Kind);
        _clinic.AsNpB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(Checklist(course))).Error!.Kind);
        _clinic.AsAdmin();
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(Checklist(course))).Error!.Kind);
    }

    [Fact]
    public async Task A_second_session_cannot_start_while_one_is_in_progress()
    {
        var course = await CourseInDosingAsync();
        await StartAsync();

        var problem = Assert.Single(Problems(await _app.SendAsync(Checklist(course))));

        Assert.Contains("already has a dosing session in progress", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_checklist_screen_reads_the_stored_items_and_the_computed_dose()
    {
        var course = await CourseInDosingAsync();

        var start = (await _app.SendAsync(new GetDosingStartQuery(course))).Value;

        Assert.True(start.ConsentCurrent);
        Assert.True(start.ClearanceCurrent);
        Assert.False(start.PreDoseCssrsHighRisk);
        Assert.Equal(35m, start.DoseMg);
        Assert.Equal("0.5 mg/kg × 70 kg = 35 mg", start.DoseArithmetic);
        Assert.Equal("No food in the 6 h before dosing; no liquids in the 2 h before dosing.", start.FastingText);
        Assert.True(start.IsPrescriber);
        Assert.Null(start.HoursSinceLastDose);
    }
}
