using Bunit;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Features.Preparation.RiskAssessment;
using Kap.Domain.Measures;
using Kap.Domain.Screening;
using Kap.Web.Components.Pages.Preparation;
using Kap.Web.Tests.Infrastructure;
using MudBlazor;
using Error = Kap.Application.Common.Results.Error;

namespace Kap.Web.Tests.Components.Pages.Preparation;

public sealed class MeasuresPanelTests : KapComponentTest
{
    private static readonly Guid CourseId = Guid.NewGuid();
    private int _changed;

    public MeasuresPanelTests()
    {
        Sender.On<GetMeasuresQuery, Result<IReadOnlyList<MeasureSummaryDto>>>(_ => Result<IReadOnlyList<MeasureSummaryDto>>.Success(
        [
            new MeasureSummaryDto(Guid.NewGuid(), Instrument.Phq9, new DateTime(2026, 11, 20, 15, 30, 0, DateTimeKind.Utc), true, 14, "Moderate", true,
                "Item 9 above 0", "Dr Morgan Reyes"),
            new MeasureSummaryDto(Guid.NewGuid(), Instrument.Gad7, new DateTime(2026, 11, 18, 14, 0, 0, DateTimeKind.Utc), false, null, null, false, null,
                "Dr Morgan Reyes"),
        ]));
    }

    private (IRenderedComponent<MeasuresPanel> Panel, IRenderedComponent<MudPopoverProvider> Provider) RenderPanel()
    {
        var provider = Render<MudPopoverProvider>();
        var panel = Render<MeasuresPanel>(p => p.Add(x => x.CourseId, CourseId).Add(x => x.Changed, () => _changed++));
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=measure]")));
        return (panel, provider);
    }

    private static void Select(IRenderedComponent<MeasuresPanel> panel, IRenderedComponent<MudPopoverProvider> provider, string inputId, string label)
    {
        panel.Find($"#{inputId}").Closest(".mud-input-control")!.MouseDown();
        provider.WaitForElements(".mud-list-item").Single(i => i.TextContent.Trim().StartsWith(label, StringComparison.Ordinal)).Click();
    }

    private static void Choose(IRenderedComponent<MeasuresPanel> panel, int item, int value) =>
        panel.Find($"fieldset[data-item='{item}'] input[type=radio][data-value='{value}']").Click();

    private static MeasureSummaryDto Recorded(bool risk) => new(Guid.NewGuid(), Instrument.Phq9, Now.UtcDateTime, true, risk ? 6 : 5, "Mild", risk,
        risk ? "item 9 (thoughts of being better off dead or of self-harm) answered above 0" : null, "Terry Therapist");

    [Fact]
    public void Lists_the_courses_measures_in_clinic_time_with_score_band_and_risk_chip()
    {
        var (panel, _) = RenderPanel();

        var rows = panel.FindAll("[data-testid=measure]");
        Assert.Equal(2, rows.Count);
        Assert.Contains("20 Nov 2026, 10:30", rows[0].TextContent);
        Assert.Contains("PHQ-9", rows[0].TextContent);
        Assert.Contains("14, Moderate", rows[0].TextContent);
        Assert.Equal("Risk alert", rows[0].QuerySelector("[data-testid=risk-chip]")!.TextContent.Trim());
        Assert.Contains("GAD-7", rows[1].TextContent);
        Assert.Contains("invalid (incomplete)", rows[1].TextContent);
        Assert.Null(rows[1].QuerySelector("[data-testid=risk-chip]"));
        Assert.Equal(CourseId, Assert.Single(Sender.SentOf<GetMeasuresQuery>()).CourseId);
    }

    [Fact]
    public void Recording_sends_the_chosen_instrument_and_answers_and_shows_the_score()
    {
        Sender.On<RecordMeasureCommand, Result<MeasureSummaryDto>>(_ => Recorded(risk: false));
        var (panel, provider) = RenderPanel();

        panel.Find("[data-testid=record-measure]").Click();
        Select(panel, provider, "instrument", "GAD-7");
        panel.WaitForAssertion(() => Assert.Equal(7, panel.FindAll("fieldset[data-testid=measure-item]").Count));
        for (var i = 1; i <= 7; i++)
        {
            Choose(panel, i, i % 4);
        }

        panel.Find("[data-testid=submit-measure]").Click();

        panel.WaitForAssertion(() => Assert.Single(Sender.SentOf<RecordMeasureCommand>()));
        var command = Sender.SentOf<RecordMeasureCommand>()[0];
        Assert.Equal(CourseId, command.CourseId);
        Assert.Equal(Instrument.Gad7, command.Instrument);
        Assert.Equal([1, 2, 3, 0, 1, 2, 3], command.Responses);
        panel.WaitForAssertion(() => Assert.Contains("5, Mild", panel.Find("[data-testid=measure-result]").TextContent));
        Assert.Empty(panel.FindAll("[data-testid=risk-alert]"));
        Assert.Empty(panel.FindAll("[data-testid=measure-form]"));
        Assert.Equal(1, _changed);
        Assert.Equal(2, Sender.SentOf<GetMeasuresQuery>().Count);
    }

    [Fact]
    public void Staff_can_record_a_next_day_check_in_taken_by_phone_and_see_it_in_one_line()
    {
        const string summary = "Mood low · Slept well · Side effects: headache (mild) · Self-harm thoughts: no";
        Sender.On<RecordMeasureCommand, Result<MeasureSummaryDto>>(_ => new MeasureSummaryDto(Guid.NewGuid(), Instrument.NextDayCheckIn, Now.UtcDateTime, true,
            null, null, false, null, "Terry Therapist", summary));
        var (panel, provider) = RenderPanel();

        panel.Find("[data-testid=record-measure]").Click();
        Select(panel, provider, "instrument", "Check-in");
        panel.WaitForAssertion(() => Assert.Equal(7, panel.FindAll("fieldset[data-testid=measure-item]").Count));
        int[] answers = [1, 3, 0, 1, 0, 0, 0];
        for (var i = 1; i <= 7; i++)
        {
            Choose(panel, i, answers[i - 1]);
        }

        Assert.Contains("Very low", panel.Find("fieldset[data-item='1']").TextContent);
        Assert.Contains("Severe", panel.Find("fieldset[data-item='3']").TextContent);
        panel.Find("[data-testid=submit-measure]").Click();

        panel.WaitForAssertion(() => Assert.Single(Sender.SentOf<RecordMeasureCommand>()));
        Assert.Equal(Instrument.NextDayCheckIn, Sender.SentOf<RecordMeasureCommand>()[0].Instrument);
        Assert.Equal([1, 3, 0, 1, 0, 0, 0], Sender.SentOf<RecordMeasureCommand>()[0].Responses);
        panel.WaitForAssertion(() => Assert.Contains(summary, panel.Find("[data-testid=measure-result]").TextContent));
    }

    [Fact]
    public void A_risk_alert_shows_the_alert_and_a_risk_assessment_form_that_records_it()
    {
        Sender.On<RecordMeasureCommand, Result<MeasureSummaryDto>>(_ => Recorded(risk: true));
        Sender.On<RecordRiskAssessmentCommand, Result<Guid>>(_ => Guid.NewGuid());
        var (panel, provider) = RenderPanel();

        panel.Find("[data-testid=record-measure]").Click();
        Select(panel, provider, "instrument", "PHQ-9");
        panel.WaitForAssertion(() => Assert.Equal(9, panel.FindAll("fieldset[data-testid=measure-item]").Count));
        for (var i = 1; i <= 9; i++)
        {
            Choose(panel, i, i == 9 ? 1 : 0);
        }

        panel.Find("[data-testid=submit-measure]").Click();

        panel.WaitForAssertion(() => Assert.Contains(
            "Risk alert: the therapist has been notified; dosing is blocked until a risk assessment is recorded",
            panel.Find("[data-testid=risk-alert]").TextContent));
        Assert.Contains("mud-alert-filled-error", panel.Find("[data-testid=risk-alert]").ClassName);
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 1], Sender.SentOf<RecordMeasureCommand>()[0].Responses);
        Assert.NotNull(panel.Find("[data-testid=risk-assessment-form]"));

        Select(panel, provider, "risk-outcome", "Safe to continue with a safety plan");
        panel.Find("#risk-note").Change("Safety plan agreed; crisis line given.");
        panel.Find("[data-testid=save-risk-assessment]").Click();

        panel.WaitForAssertion(() => Assert.Single(Sender.SentOf<RecordRiskAssessmentCommand>()));
        var assessment = Sender.SentOf<RecordRiskAssessmentCommand>()[0];
        Assert.Equal(CourseId, assessment.CourseId);
        Assert.Equal(RiskAssessmentOutcome.SafeToContinue, assessment.Outcome);
        Assert.Equal("Safety plan agreed; crisis line given.", assessment.Note);
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=risk-assessed]")));
        Assert.Empty(panel.FindAll("[data-testid=risk-assessment-form]"));
        Assert.Equal(2, _changed);
    }

    [Fact]
    public void A_refused_measure_shows_the_error_and_keeps_the_form()
    {
        Sender.On<RecordMeasureCommand, Result<MeasureSummaryDto>>(_ => Error.NotFound("The course"));
        var (panel, provider) = RenderPanel();

        panel.Find("[data-testid=record-measure]").Click();
        Select(panel, provider, "instrument", "C-SSRS screener");
        Choose(panel, 1, 0);
        Choose(panel, 2, 0);
        Choose(panel, 6, 0);
        panel.Find("[data-testid=submit-measure]").Click();

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=measures-error]")));
        Assert.Equal([0, 0, null, null, null, 0, null], Sender.SentOf<RecordMeasureCommand>()[0].Responses);
        Assert.NotEmpty(panel.FindAll("[data-testid=measure-form]"));
        Assert.Equal(0, _changed);
    }

    [Fact]
    public void Staff_who_are_not_clinicians_see_the_list_but_cannot_record()
    {
        SignInAs("Avery Admin", KapRoles.Admin, KapPolicies.Staff);
        var (panel, _) = RenderPanel();

        Assert.Equal(2, panel.FindAll("[data-testid=measure]").Count);
        Assert.Empty(panel.FindAll("[data-testid=record-measure]"));
    }
}
