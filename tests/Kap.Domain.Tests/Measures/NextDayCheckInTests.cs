using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

/// <summary>The next-day check-in (domain.md §5): its catalogue entry, its two tiers of concern, its window, and the crisis panel rule.</summary>
public sealed class NextDayCheckInTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");

    /// <summary>Good mood, slept well, no side effects, no thoughts of self-harm.</summary>
    private static readonly int?[] AllWell = [3, 3, 0, 0, 0, 0, 0];

    [Fact]
    public void The_check_in_is_a_self_report_form_of_seven_items_with_no_total_and_no_bands_appended_as_number_5()
    {
        var d = InstrumentCatalog.Get(Instrument.NextDayCheckIn);

        Assert.Same(InstrumentCatalog.NextDayCheckIn, d);
        Assert.Equal(5, (int)Instrument.NextDayCheckIn);
        Assert.Equal("Next-day check-in", Instrument.NextDayCheckIn.Describe());
        Assert.Equal(Respondent.SelfReport, d.CompletedBy);
        Assert.Equal(ResponseKind.Mixed, d.ResponseKind);
        Assert.Equal(7, d.ItemCount);
        Assert.Null(d.MinTotal);
        Assert.Null(d.MaxTotal);
        Assert.Empty(d.Bands);
        Assert.All(d.Items, i => Assert.Null(i.AskedWhen));

        Assert.Equal("How is your mood today?", d.Item(1).Text);
        Assert.Equal(["Very low", "Low", "Neither low nor good", "Good", "Very good"], d.Item(1).Options.Select(o => o.Label));
        Assert.Equal("How did you sleep last night?", d.Item(2).Text);
        Assert.Equal((0, 4), (d.Item(2).Min, d.Item(2).Max));
        Assert.Equal(["Nausea or being sick", "Headache", "Dizziness or feeling unsteady", "Feeling disconnected, unreal, or detached from yourself or your surroundings"],
            d.Items.Skip(2).Take(4).Select(i => i.Text));
        Assert.All(d.Items.Skip(2).Take(4), i => Assert.Equal(["Not at all", "Mild", "Moderate", "Severe"], i.Options.Select(o => o.Label)));
        Assert.Equal(["Today", "Last night", "Since your session", "Since your session", "Since your session", "Since your session", "Since your session"],
            d.Items.Select(i => i.RecallPeriod));
        Assert.Contains("thoughts of harming yourself", d.Item(7).Text, StringComparison.Ordinal);
        Assert.Equal(["No", "Yes"], d.Item(7).Options.Select(o => o.Label));
    }

    [Fact]
    public void A_check_in_with_nothing_of_concern_is_valid_without_a_total_an_alert_or_a_follow_up()
    {
        var result = MeasureScoring.Score(Instrument.NextDayCheckIn, AllWell);

        Assert.True(result.IsValid);
        Assert.Null(result.Total);
        Assert.Null(result.Band);
        Assert.False(result.SuicideRiskAlert);
        Assert.False(result.RequiresRiskAssessment);
        Assert.False(result.NeedsFollowUp);
        Assert.Null(result.CssrsRisk);
        Assert.False(CrisisSupport.ShouldShow(Instrument.NextDayCheckIn, AllWell));
    }

    [Fact]
    public void Yes_to_self_harm_alerts_like_phq9_item_9_requires_a_risk_assessment_and_prompts_a_cssrs()
    {
        var responses = AllWell.With(1, NextDayCheckInRules.SelfHarmItem);

        var result = MeasureScoring.Score(Instrument.NextDayCheckIn, responses);

        Assert.True(result.IsValid);
        Assert.True(result.SuicideRiskAlert);
        Assert.True(result.RequiresRiskAssessment);
        Assert.True(result.PromptCssrs);
        Assert.Contains(result.Messages, m => m.Contains("risk assessment", StringComparison.Ordinal));
        Assert.True(CrisisSupport.ShouldShow(Instrument.NextDayCheckIn, responses));
    }

    [Fact]
    public void Yes_to_self_harm_alerts_even_with_other_items_missing_and_a_missing_self_harm_answer_never_does()
    {
        int?[] partial = [null, null, null, null, null, null, 1];
        var alerted = MeasureScoring.Score(Instrument.NextDayCheckIn, partial);
        Assert.False(alerted.IsValid);
        Assert.Equal([1, 2, 3, 4, 5, 6], alerted.MissingItems);
        Assert.True(alerted.RequiresRiskAssessment);
        Assert.True(CrisisSupport.ShouldShow(Instrument.NextDayCheckIn, [null, null, null, null, null, null, 1]));

        var unasked = MeasureScoring.Score(Instrument.NextDayCheckIn, AllWell.With(null, 7));
        Assert.False(unasked.IsValid);
        Assert.Equal([7], unasked.MissingItems);
        Assert.False(unasked.SuicideRiskAlert);
        Assert.Contains(unasked.Messages, m => m.Contains("self-harm question is unanswered", StringComparison.Ordinal));
    }

    [Fact]
    public void A_very_low_mood_asks_the_therapist_to_follow_up_without_a_risk_assessment_or_the_crisis_panel()
    {
        var veryLow = MeasureScoring.Score(Instrument.NextDayCheckIn, AllWell.With(NextDayCheckInRules.VeryLowMood, NextDayCheckInRules.MoodItem));
        Assert.True(veryLow.NeedsFollowUp);
        Assert.Equal(["Mood today: very low."], veryLow.FollowUpReasons);
        Assert.False(veryLow.RequiresRiskAssessment);
        Assert.False(CrisisSupport.ShouldShow(Instrument.NextDayCheckIn, AllWell.With(0, 1)));

        var low = MeasureScoring.Score(Instrument.NextDayCheckIn, AllWell.With(1, NextDayCheckInRules.MoodItem));
        Assert.False(low.NeedsFollowUp);
    }

    [Fact]
    public void A_severe_side_effect_the_day_after_asks_for_a_follow_up_naming_it_and_a_moderate_one_does_not()
    {
        var severe = MeasureScoring.Score(Instrument.NextDayCheckIn, AllWell.With(NextDayCheckInRules.SevereSideEffect, 6));
        Assert.True(severe.NeedsFollowUp);
        Assert.Contains("feeling disconnected, unreal, or detached", Assert.Single(severe.FollowUpReasons), StringComparison.Ordinal);
        Assert.False(severe.RequiresRiskAssessment);

        Assert.False(MeasureScoring.Score(Instrument.NextDayCheckIn, AllWell.With(2, 3, 4, 5, 6)).NeedsFollowUp);
    }

    [Fact]
    public void Answers_outside_each_items_own_range_are_refused_by_name()
    {
        var check = MeasureScoring.CheckResponses(Instrument.NextDayCheckIn, AllWell.With(4, 3).With(2, 7));

        Assert.False(check.IsSuccess);
        Assert.Equal(["Check-in item 3 must be between 0 and 3; got 4.", "Check-in item 7 must be between 0 and 1; got 2."], check.Problems);
        Assert.True(MeasureScoring.CheckResponses(Instrument.NextDayCheckIn, AllWell.With(4, 1, 2)).IsSuccess);
        Assert.Throws<ArgumentOutOfRangeException>(() => MeasureScoring.Score(Instrument.NextDayCheckIn, AllWell.With(4, 3)));
        Assert.Throws<ArgumentException>(() => MeasureScoring.Score(Instrument.NextDayCheckIn, [3, 3, 0]));
    }

    [Fact]
    public void The_clinicians_list_reads_the_check_in_in_one_line()
    {
        Assert.Equal("Mood very low · Slept well · Side effects: headache (mild), feeling disconnected (severe) · Self-harm thoughts: YES",
            NextDayCheckInRules.Summarize([0, 3, 0, 1, 0, 3, 1]));
        Assert.Equal("Mood good · Slept very well · Side effects: none · Self-harm thoughts: no", NextDayCheckInRules.Summarize([3, 4, 0, 0, 0, 0, 0]));
        Assert.Equal("Mood not answered · Slept not answered · Side effects: nausea (not answered), headache (not answered), dizziness (not answered), feeling disconnected (not answered) · Self-harm thoughts: not answered",
            NextDayCheckInRules.Summarize([null, null, null, null, null, null, null]));
    }

    [Fact]
    public void The_check_in_opens_at_the_start_of_the_patients_next_day_and_closes_48_hours_after_discharge()
    {
        // Discharged 16:30 in Chicago (22:30 UTC, CST) on 24 Nov 2026.
        var discharged = new DateTime(2026, 11, 24, 22, 30, 0, DateTimeKind.Utc);
        var nextMidnight = new DateTime(2026, 11, 25, 6, 0, 0, DateTimeKind.Utc);

        var (opens, closes) = NextDayCheckInRules.Window(discharged, Chicago);
        Assert.Equal(nextMidnight, opens);
        Assert.Equal(discharged.AddHours(48), closes);

        Assert.False(NextDayCheckInRules.IsDue(discharged, Chicago, null, discharged.AddHours(5)));
        Assert.False(NextDayCheckInRules.IsDue(discharged, Chicago, null, nextMidnight.AddMinutes(-1)));
        Assert.True(NextDayCheckInRules.IsDue(discharged, Chicago, null, nextMidnight));
        Assert.True(NextDayCheckInRules.IsDue(discharged, Chicago, null, closes.AddMinutes(-1)));
        Assert.False(NextDayCheckInRules.IsDue(discharged, Chicago, null, closes));
        Assert.Equal(discharged.AddHours(72), NextDayCheckInRules.Window(discharged, Chicago, 72).ClosesUtc);
    }

    [Fact]
    public void A_check_in_recorded_since_the_discharge_closes_it_and_one_from_an_earlier_dose_does_not()
    {
        var discharged = new DateTime(2026, 11, 24, 22, 30, 0, DateTimeKind.Utc);
        var now = discharged.AddHours(20);

        Assert.False(NextDayCheckInRules.IsDue(discharged, Chicago, discharged.AddHours(19), now));
        Assert.True(NextDayCheckInRules.IsDue(discharged, Chicago, discharged.AddDays(-3), now));
    }

    [Fact]
    public void The_crisis_panel_follows_phq9_item_9_and_any_cssrs_yes_that_is_asked()
    {
        Assert.True(CrisisSupport.ShouldShow(Instrument.Phq9, [null, null, null, null, null, null, null, null, 1]));
        Assert.False(CrisisSupport.ShouldShow(Instrument.Phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0]));
        Assert.False(CrisisSupport.ShouldShow(Instrument.Phq9, [3, 3, 3]));
        Assert.True(CrisisSupport.ShouldShow(Instrument.CssrsScreener, [1]));
        Assert.True(CrisisSupport.ShouldShow(Instrument.CssrsScreener, [0, 0, null, null, null, 1, 0]));
        Assert.False(CrisisSupport.ShouldShow(Instrument.CssrsScreener, [0, 0, 1, null, null, 0, null]));
        Assert.False(CrisisSupport.ShouldShow(Instrument.Gad7, [3, 3, 3, 3, 3, 3, 3]));
    }

    [Fact]
    public void A_low_or_moderate_cssrs_asks_for_a_follow_up_and_a_high_one_for_a_risk_assessment()
    {
        var low = MeasureScoring.Score(Instrument.CssrsScreener, [1, 0, null, null, null, 0, null]);
        Assert.Equal(CssrsRisk.Low, low.CssrsRisk);
        Assert.True(low.NeedsFollowUp);
        Assert.False(low.RequiresRiskAssessment);

        var high = MeasureScoring.Score(Instrument.CssrsScreener, [1, 1, 1, 1, 0, 0, null]);
        Assert.True(high.RequiresRiskAssessment);
        Assert.False(high.NeedsFollowUp);
        Assert.False(MeasureScoring.Score(Instrument.CssrsScreener, [0, 0, null, null, null, 0, null]).NeedsFollowUp);
    }

    [Fact]
    public void The_check_in_has_no_response_or_trend_arithmetic()
    {
        var a = MeasureScoring.Score(Instrument.NextDayCheckIn, AllWell);
        Assert.Equal(OutcomeStatus.NotApplicable, TreatmentOutcome.Response(a, a).Status);
        Assert.Equal(OutcomeStatus.NotApplicable, TreatmentOutcome.Remission(a).Status);
    }
}
