using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

/// <summary>Every band edge of the banded instruments (domain.md §6), and the rules they share.</summary>
public sealed class BandScoringTests
{
    [Theory]
    [InlineData(0, SeverityBand.Minimal)]
    [InlineData(4, SeverityBand.Minimal)]
    [InlineData(5, SeverityBand.Mild)]
    [InlineData(9, SeverityBand.Mild)]
    [InlineData(10, SeverityBand.Moderate)]
    [InlineData(14, SeverityBand.Moderate)]
    [InlineData(15, SeverityBand.ModeratelySevere)]
    [InlineData(19, SeverityBand.ModeratelySevere)]
    [InlineData(20, SeverityBand.Severe)]
    [InlineData(27, SeverityBand.Severe)]
    public void Phq9_band_edges(int total, SeverityBand band)
    {
        var result = MeasureScoring.ScorePhq9(Responses.WithTotal(InstrumentCatalog.Phq9, total));

        AssertValid(result, Instrument.Phq9, total, band);
    }

    [Theory]
    [InlineData(0, SeverityBand.Minimal)]
    [InlineData(4, SeverityBand.Minimal)]
    [InlineData(5, SeverityBand.Mild)]
    [InlineData(9, SeverityBand.Mild)]
    [InlineData(10, SeverityBand.Moderate)]
    [InlineData(14, SeverityBand.Moderate)]
    [InlineData(15, SeverityBand.Severe)]
    [InlineData(21, SeverityBand.Severe)]
    public void Gad7_band_edges(int total, SeverityBand band)
    {
        var result = MeasureScoring.ScoreGad7(Responses.WithTotal(InstrumentCatalog.Gad7, total));

        AssertValid(result, Instrument.Gad7, total, band);
        Assert.False(result.RequiresRiskAssessment);
    }

    [Theory]
    [InlineData(0, SeverityBand.Absent)]
    [InlineData(6, SeverityBand.Absent)]
    [InlineData(7, SeverityBand.Mild)]
    [InlineData(19, SeverityBand.Mild)]
    [InlineData(20, SeverityBand.Moderate)]
    [InlineData(34, SeverityBand.Moderate)]
    [InlineData(35, SeverityBand.Severe)]
    [InlineData(60, SeverityBand.Severe)]
    public void Madrs_band_edges(int total, SeverityBand band)
    {
        var result = MeasureScoring.ScoreMadrs(Responses.WithTotal(InstrumentCatalog.Madrs, total));

        AssertValid(result, Instrument.Madrs, total, band);
        Assert.False(result.RequiresRiskAssessment);
    }

    [Theory]
    [InlineData(Instrument.Phq9, 3)]
    [InlineData(Instrument.Gad7, 7)]
    [InlineData(Instrument.Pcl5, 20)]
    [InlineData(Instrument.Madrs, 1)]
    public void A_missing_item_makes_the_result_invalid_with_no_total_and_the_item_named(Instrument instrument, int missingItem)
    {
        var definition = InstrumentCatalog.Get(instrument);
        var responses = Responses.All(definition, 1).With(null, missingItem);

        var result = MeasureScoring.Score(instrument, responses);

        Assert.False(result.IsValid);
        Assert.Null(result.Total);
        Assert.Null(result.Band);
        Assert.Null(result.BandText);
        Assert.Equal([missingItem], result.MissingItems);
        Assert.Contains($"item {missingItem}", result.Messages[0], StringComparison.Ordinal);
        Assert.Contains("never guessed", result.Messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Several_missing_items_are_all_named_and_nothing_is_prorated()
    {
        // 7 of 9 items at the maximum would prorate to a severe 27; Kap refuses to guess.
        var responses = Responses.All(InstrumentCatalog.Phq9, 3).With(0, 9).With(null, 2, 5);

        var result = MeasureScoring.ScorePhq9(responses);

        Assert.False(result.IsValid);
        Assert.Null(result.Total);
        Assert.Equal([2, 5], result.MissingItems);
        Assert.Contains("item 2, item 5", result.Messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_form_is_invalid_with_every_item_missing()
    {
        var result = MeasureScoring.ScoreGad7(new int?[7]);

        Assert.False(result.IsValid);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], result.MissingItems);
    }

    [Theory]
    [InlineData(Instrument.Phq9, 4)]
    [InlineData(Instrument.Phq9, -1)]
    [InlineData(Instrument.Gad7, 4)]
    [InlineData(Instrument.Pcl5, 5)]
    [InlineData(Instrument.Madrs, 7)]
    [InlineData(Instrument.Madrs, -1)]
    [InlineData(Instrument.CssrsScreener, 2)]
    public void Out_of_range_values_are_refused_with_an_exception_and_named_by_the_check(Instrument instrument, int value)
    {
        var definition = InstrumentCatalog.Get(instrument);
        var responses = new int?[definition.ItemCount].With(value, 2);

        var check = MeasureScoring.CheckResponses(instrument, responses);
        Assert.False(check.IsSuccess);
        var problem = Assert.Single(check.Problems);
        Assert.Contains("item 2 must be between", problem, StringComparison.Ordinal);
        Assert.Contains($"got {value}", problem, StringComparison.Ordinal);

        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => MeasureScoring.Score(instrument, responses));
        Assert.Contains("item 2", thrown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Instrument.Phq9, 8)]
    [InlineData(Instrument.Phq9, 10)]
    [InlineData(Instrument.Gad7, 9)]
    [InlineData(Instrument.Pcl5, 19)]
    [InlineData(Instrument.Madrs, 9)]
    [InlineData(Instrument.CssrsScreener, 6)]
    public void A_response_set_of_the_wrong_length_is_refused(Instrument instrument, int count)
    {
        var responses = new int?[count];

        Assert.False(MeasureScoring.CheckResponses(instrument, responses).IsSuccess);
        Assert.Throws<ArgumentException>(() => MeasureScoring.Score(instrument, responses));
    }

    [Fact]
    public void Null_responses_are_refused()
    {
        Assert.False(MeasureScoring.CheckResponses(Instrument.Phq9, null).IsSuccess);
        Assert.Throws<ArgumentNullException>(() => MeasureScoring.ScorePhq9(null!));
    }

    [Theory]
    [InlineData(Instrument.Phq9)]
    [InlineData(Instrument.Gad7)]
    [InlineData(Instrument.Pcl5)]
    [InlineData(Instrument.Madrs)]
    public void A_well_formed_response_set_passes_the_check_even_with_missing_answers(Instrument instrument)
    {
        var definition = InstrumentCatalog.Get(instrument);

        Assert.True(MeasureScoring.CheckResponses(instrument, Responses.All(definition, definition.Items[0].Max)).IsSuccess);
        Assert.True(MeasureScoring.CheckResponses(instrument, new int?[definition.ItemCount]).IsSuccess);
    }

    [Fact]
    public void The_total_is_the_plain_sum_whichever_items_carry_it()
    {
        int?[] responses = [3, 0, 2, 0, 1, 0, 0, 3, 0];

        var result = MeasureScoring.ScorePhq9(responses);

        Assert.Equal(9, result.Total);
        Assert.Equal(SeverityBand.Mild, result.Band);
    }

    private static void AssertValid(MeasureResult result, Instrument instrument, int total, SeverityBand band)
    {
        Assert.Equal(instrument, result.Instrument);
        Assert.True(result.IsValid);
        Assert.Equal(total, result.Total);
        Assert.Equal(band, result.Band);
        Assert.Equal(band.Describe(), result.BandText);
        Assert.Empty(result.MissingItems);
        Assert.Null(result.ProbablePtsd);
        Assert.Null(result.DsmPatternMet);
        Assert.Null(result.CssrsRisk);
    }
}
