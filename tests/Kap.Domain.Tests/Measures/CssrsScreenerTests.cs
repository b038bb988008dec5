using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

/// <summary>C-SSRS screener: skip logic and risk levels (domain.md §2, Columbia's triage points).</summary>
public sealed class CssrsScreenerTests
{
    private static MeasureResult Score(bool? q1, bool? q2, bool? q3, bool? q4, bool? q5, bool? q6, bool? q6Recent) =>
        MeasureScoring.ScoreCssrsScreener(new CssrsScreenerAnswers(q1, q2, q3, q4, q5, q6, q6Recent));

    [Fact]
    public void All_no_with_q3_to_q5_skipped_is_no_risk()
    {
        var result = Score(false, false, null, null, null, false, null);

        Assert.True(result.IsValid);
        Assert.Equal(CssrsRisk.None, result.CssrsRisk);
        Assert.Null(result.Total);
        Assert.Null(result.Band);
        Assert.False(result.SuicideRiskAlert);
        Assert.False(result.RequiresRiskAssessment);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Yes_to_q1_or_q2_only_is_low_risk(bool q1, bool q2)
    {
        var result = q2
            ? Score(q1, q2, false, false, false, false, null)
            : Score(q1, q2, null, null, null, false, null);

        Assert.True(result.IsValid);
        Assert.Equal(CssrsRisk.Low, result.CssrsRisk);
        Assert.False(result.RequiresRiskAssessment);
    }

    [Fact]
    public void Yes_to_q3_is_moderate_risk()
    {
        var result = Score(true, true, true, false, false, false, null);

        Assert.Equal(CssrsRisk.Moderate, result.CssrsRisk);
        Assert.False(result.SuicideRiskAlert);
        Assert.False(result.RequiresRiskAssessment);
    }

    [Fact]
    public void Behaviour_longer_than_3_months_ago_is_moderate_risk()
    {
        var result = Score(false, false, null, null, null, true, false);

        Assert.True(result.IsValid);
        Assert.Equal(CssrsRisk.Moderate, result.CssrsRisk);
        Assert.False(result.RequiresRiskAssessment);
    }

    [Theory]
    [InlineData(true, false)] // Q4 intent
    [InlineData(false, true)] // Q5 plan with intent
    public void Yes_to_q4_or_q5_is_high_risk_and_requires_a_risk_assessment(bool q4, bool q5)
    {
        var result = Score(true, true, false, q4, q5, false, null);

        Assert.True(result.IsValid);
        Assert.Equal(CssrsRisk.High, result.CssrsRisk);
        Assert.True(result.SuicideRiskAlert);
        Assert.True(result.RequiresRiskAssessment);
        Assert.False(result.PromptCssrs);
        Assert.Contains(result.Messages, m => m.Contains("Immediate safety assessment", StringComparison.Ordinal));
    }

    [Fact]
    public void Behaviour_within_the_past_3_months_is_high_risk_even_with_no_ideation()
    {
        var result = Score(false, false, null, null, null, true, true);

        Assert.True(result.IsValid);
        Assert.Equal(CssrsRisk.High, result.CssrsRisk);
        Assert.True(result.RequiresRiskAssessment);
    }

    [Fact]
    public void When_q2_is_no_answers_to_q3_to_q5_are_ignored_and_named()
    {
        var result = Score(true, false, true, true, true, false, null);

        Assert.True(result.IsValid);
        Assert.Equal(CssrsRisk.Low, result.CssrsRisk);
        Assert.False(result.RequiresRiskAssessment);
        Assert.Contains(result.Messages, m => m.Contains("Ignored", StringComparison.Ordinal) && m.Contains("item 3, item 4, item 5", StringComparison.Ordinal));
    }

    [Fact]
    public void When_q6_is_no_the_past_3_months_answer_is_ignored()
    {
        var result = Score(false, false, null, null, null, false, true);

        Assert.True(result.IsValid);
        Assert.Equal(CssrsRisk.None, result.CssrsRisk);
        Assert.Contains(result.Messages, m => m.Contains("item 6 (past 3 months)", StringComparison.Ordinal));
    }

    [Fact]
    public void When_q2_is_yes_q3_to_q5_are_required()
    {
        var result = Score(false, true, null, false, null, false, null);

        Assert.False(result.IsValid);
        Assert.Equal([3, 5], result.MissingItems);
        Assert.Null(result.CssrsRisk);
        Assert.False(result.RequiresRiskAssessment);
    }

    [Fact]
    public void When_q6_is_yes_the_past_3_months_follow_up_is_required()
    {
        var result = Score(false, false, null, null, null, true, null);

        Assert.False(result.IsValid);
        Assert.Equal([7], result.MissingItems);
        Assert.Null(result.CssrsRisk);
        Assert.Contains(result.Messages, m => m.Contains("item 6 (past 3 months)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    public void Q1_q2_and_q6_are_always_required(int question)
    {
        var result = Score(
            question == 1 ? null : false,
            question == 2 ? null : false,
            null,
            null,
            null,
            question == 6 ? null : false,
            null);

        Assert.False(result.IsValid);
        Assert.Equal([question], result.MissingItems);
        Assert.Null(result.CssrsRisk);
    }

    [Fact]
    public void A_high_risk_answer_still_flags_when_another_answer_is_missing()
    {
        var intentWithQ6Missing = Score(true, true, true, true, false, null, null);
        var recentBehaviourWithQ1Missing = Score(null, false, null, null, null, true, true);

        Assert.False(intentWithQ6Missing.IsValid);
        Assert.Equal([6], intentWithQ6Missing.MissingItems);
        Assert.Equal(CssrsRisk.High, intentWithQ6Missing.CssrsRisk);
        Assert.True(intentWithQ6Missing.RequiresRiskAssessment);

        Assert.False(recentBehaviourWithQ1Missing.IsValid);
        Assert.Equal(CssrsRisk.High, recentBehaviourWithQ1Missing.CssrsRisk);
        Assert.True(recentBehaviourWithQ1Missing.RequiresRiskAssessment);
    }

    [Fact]
    public void The_stored_7_item_response_set_scores_the_same_as_the_answers()
    {
        var answers = new CssrsScreenerAnswers(true, true, false, false, true, true, false);

        var responses = answers.ToResponses();
        var fromResponses = MeasureScoring.Score(Instrument.CssrsScreener, responses);

        Assert.Equal([1, 1, 0, 0, 1, 1, 0], responses);
        Assert.Equal(answers, CssrsScreenerAnswers.FromResponses(responses));
        Assert.Equal(CssrsRisk.High, fromResponses.CssrsRisk);
        Assert.Equal(MeasureScoring.ScoreCssrsScreener(answers).Messages, fromResponses.Messages);
    }

    [Fact]
    public void Every_risk_level_has_a_name_and_triage_wording()
    {
        Assert.All(Enum.GetValues<CssrsRisk>(), risk =>
        {
            Assert.False(string.IsNullOrWhiteSpace(risk.Describe()));
            Assert.False(string.IsNullOrWhiteSpace(risk.Triage()));
        });
        Assert.Contains("Immediate safety assessment", CssrsRisk.High.Triage(), StringComparison.Ordinal);
        Assert.True(CssrsRisk.None < CssrsRisk.Low && CssrsRisk.Low < CssrsRisk.Moderate && CssrsRisk.Moderate < CssrsRisk.High);
    }

    /// <summary>Every consistent combination of answers (the skip logic honoured) against the rule written out in full.</summary>
    [Fact]
    public void Every_complete_screen_gets_the_level_domain_md_gives_it()
    {
        var count = 0;
        foreach (var q1 in new[] { false, true })
        {
            foreach (var q2 in new[] { false, true })
            {
                foreach (var (q3, q4, q5) in IdeationAnswers(q2))
                {
                    foreach (var (q6, recent) in new (bool, bool?)[] { (false, null), (true, false), (true, true) })
                    {
                        var result = Score(q1, q2, q3, q4, q5, q6, recent);
                        var expected = q4 == true || q5 == true || recent == true ? CssrsRisk.High
                            : q3 == true || recent == false ? CssrsRisk.Moderate
                            : q1 || q2 ? CssrsRisk.Low
                            : CssrsRisk.None;

                        Assert.True(result.IsValid);
                        Assert.Equal(expected, result.CssrsRisk);
                        Assert.Equal(expected == CssrsRisk.High, result.RequiresRiskAssessment);
                        count++;
                    }
                }
            }
        }

        Assert.Equal(2 * (1 + 8) * 3, count);
    }

    private static IEnumerable<(bool?, bool?, bool?)> IdeationAnswers(bool q2)
    {
        if (!q2)
        {
            yield return (null, null, null);
            yield break;
        }

        for (var mask = 0; mask < 8; mask++)
        {
            yield return ((mask & 1) != 0, (mask & 2) != 0, (mask & 4) != 0);
        }
    }
}
