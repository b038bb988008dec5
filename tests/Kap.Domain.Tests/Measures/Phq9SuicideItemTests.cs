using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

/// <summary>PHQ-9 item 9 above 0 alerts regardless of the total (domain.md §6).</summary>
public sealed class Phq9SuicideItemTests
{
    [Fact]
    public void Item_9_alone_at_1_alerts_with_a_minimal_total_of_1_and_prompts_a_cssrs()
    {
        int?[] responses = [0, 0, 0, 0, 0, 0, 0, 0, 1];

        var result = MeasureScoring.ScorePhq9(responses);

        Assert.True(result.IsValid);
        Assert.Equal(1, result.Total);
        Assert.Equal(SeverityBand.Minimal, result.Band);
        Assert.True(result.SuicideRiskAlert);
        Assert.True(result.PromptCssrs);
        Assert.True(result.RequiresRiskAssessment);
        Assert.Contains(result.Messages, m => m.Contains("C-SSRS", StringComparison.Ordinal) && m.Contains("risk assessment", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_positive_item_9_value_alerts(int item9)
    {
        var result = MeasureScoring.ScorePhq9(new int?[] { 0, 0, 0, 0, 0, 0, 0, 0, item9 });

        Assert.True(result.SuicideRiskAlert);
        Assert.True(result.RequiresRiskAssessment);
    }

    [Fact]
    public void Item_9_alerts_even_when_another_item_is_missing()
    {
        int?[] responses = [0, null, 0, 0, 0, 0, 0, 0, 2];

        var result = MeasureScoring.ScorePhq9(responses);

        Assert.False(result.IsValid);
        Assert.Null(result.Total);
        Assert.Equal([2], result.MissingItems);
        Assert.True(result.SuicideRiskAlert);
        Assert.True(result.PromptCssrs);
        Assert.True(result.RequiresRiskAssessment);
    }

    [Fact]
    public void Item_9_at_0_does_not_alert_even_with_a_severe_total()
    {
        var responses = Responses.All(InstrumentCatalog.Phq9, 3).With(0, 9);

        var result = MeasureScoring.ScorePhq9(responses);

        Assert.Equal(24, result.Total);
        Assert.Equal(SeverityBand.Severe, result.Band);
        Assert.False(result.SuicideRiskAlert);
        Assert.False(result.PromptCssrs);
        Assert.False(result.RequiresRiskAssessment);
    }

    [Fact]
    public void A_missing_item_9_does_not_alert_but_says_to_ask_it()
    {
        var responses = Responses.All(InstrumentCatalog.Phq9, 0).With(null, 9);

        var result = MeasureScoring.ScorePhq9(responses);

        Assert.False(result.IsValid);
        Assert.Equal([9], result.MissingItems);
        Assert.False(result.SuicideRiskAlert);
        Assert.Contains(result.Messages, m => m.Contains("Item 9", StringComparison.Ordinal) && m.Contains("unanswered", StringComparison.Ordinal));
    }
}
