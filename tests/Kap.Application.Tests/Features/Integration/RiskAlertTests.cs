using Kap.Application.Features.Dosing;
using Kap.Application.Features.Measures.GetRiskAlerts;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Features.Preparation.RiskAssessment;
using Kap.Domain.Integration;
using Kap.Domain.Measures;
using Kap.Domain.Screening;

namespace Kap.Application.Tests.Features.Integration;

/// <summary>Risk alerts on the dashboard stay until a risk assessment is recorded (domain.md §6), with the clock moved by a FakeTimeProvider.</summary>
public sealed class RiskAlertTests : IntegrationTest
{
    private static readonly int?[] Phq9Item9 = [1, 1, 1, 1, 1, 1, 1, 1, 1];

    [Fact]
    public async Task A_phq9_with_item_9_above_0_stays_on_the_therapists_dashboard_until_a_risk_assessment_and_only_there()
    {
        await CourseInDosingAsync();
        _clinic.AsTherapistA();
        Assert.Empty((await _app.SendAsync(new GetRiskAlertsQuery())).Value);

        Ok(await _app.SendAsync(new RecordMeasureCommand(_course, Instrument.Phq9, Phq9Item9)));
        var alert = Assert.Single((await _app.SendAsync(new GetRiskAlertsQuery())).Value);
        Assert.Equal(_course, alert.CourseId);
        Assert.Equal("Jamie Rivera", alert.PatientName);
        Assert.Equal("PHQ-9 item 9 answered above 0", alert.What);

        Advance(TimeSpan.FromDays(3).TotalMinutes);
        Assert.Single((await _app.SendAsync(new GetRiskAlertsQuery())).Value);

        _clinic.AsTherapistB();
        Assert.Empty((await _app.SendAsync(new GetRiskAlertsQuery())).Value);
        _clinic.AsNpA();
        Assert.Single((await _app.SendAsync(new GetRiskAlertsQuery())).Value);

        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordRiskAssessmentCommand(_course, RiskAssessmentOutcome.SafeToContinue, "Passive thoughts, no plan; safety plan agreed.")));
        Assert.Empty((await _app.SendAsync(new GetRiskAlertsQuery())).Value);

        // A later alert puts the course back, counted from the last assessment.
        Advance(60);
        Ok(await _app.SendAsync(new RecordMeasureCommand(_course, Instrument.CssrsScreener, CssrsHigh)));
        var again = Assert.Single((await _app.SendAsync(new GetRiskAlertsQuery())).Value);
        Assert.Equal("High risk on the C-SSRS screener", again.What);
        Assert.Equal(1, again.OpenAlerts);
    }

    [Fact]
    public async Task A_concern_raised_in_integration_is_a_risk_alert_that_blocks_the_next_dose_until_assessed()
    {
        await CourseInDosingAsync();
        var session = await GiveDoseAsync();
        Advance(TimeSpan.FromHours(24).TotalMinutes);
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(Note(_course, session, risk: IntegrationRiskCheck.ConcernRaised, riskNote: "Spoke of not wanting to wake up; called her sister together.")));

        var alert = Assert.Single((await _app.SendAsync(new GetRiskAlertsQuery())).Value);
        Assert.Equal("A concern raised in an integration session", alert.What);

        Advance(TimeSpan.FromHours(48).TotalMinutes);
        Ok(await _app.SendAsync(new RecordMeasureCommand(_course, Instrument.CssrsScreener, CssrsNone)));
        _clinic.AsNpA();
        var refused = await _app.SendAsync(Checklist(_course) with { WeightKg = 70m });
        Assert.Contains("no risk assessment has been recorded since", Describe(refused.Error));

        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordRiskAssessmentCommand(_course, RiskAssessmentOutcome.SafeToContinue, "Safety plan reviewed; sister staying this week.")));
        Assert.Empty((await _app.SendAsync(new GetRiskAlertsQuery())).Value);
        _clinic.AsNpA();
        Ok(await _app.SendAsync(Checklist(_course) with { WeightKg = 70m }));
    }

    [Fact]
    public async Task An_assessment_that_finds_dosing_unsafe_clears_the_dashboard_alert_but_keeps_dosing_blocked()
    {
        await CourseInDosingAsync();
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordMeasureCommand(_course, Instrument.Phq9, Phq9Item9)));
        Ok(await _app.SendAsync(new RecordRiskAssessmentCommand(_course, RiskAssessmentOutcome.NotSafeToDose, "Active ideation; referred to crisis team.")));
        Assert.Empty((await _app.SendAsync(new GetRiskAlertsQuery())).Value);

        Ok(await _app.SendAsync(new RecordMeasureCommand(_course, Instrument.CssrsScreener, CssrsNone)));
        _clinic.AsNpA();
        var refused = await _app.SendAsync(Checklist(_course) with { WeightKg = 70m });
        Assert.Contains("no risk assessment has been recorded since", Describe(refused.Error));
    }
}
