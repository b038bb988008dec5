using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

/// <summary>Response (≥ 50 % drop) and remission (PHQ-9 &lt; 5, MADRS ≤ 12 or ≤ 10) from domain.md §6.</summary>
public sealed class TreatmentOutcomeTests
{
    [Theory]
    [InlineData(20, 10, OutcomeStatus.Met)] // exactly 50 %
    [InlineData(100, 51, OutcomeStatus.NotMet)] // 49 %
    [InlineData(100, 50, OutcomeStatus.Met)] // 50 %
    [InlineData(21, 10, OutcomeStatus.Met)] // 52 %
    [InlineData(21, 11, OutcomeStatus.NotMet)] // 47.6 %
    [InlineData(27, 13, OutcomeStatus.Met)] // 51.9 %
    [InlineData(27, 14, OutcomeStatus.NotMet)] // 48.1 %
    [InlineData(10, 0, OutcomeStatus.Met)]
    [InlineData(10, 12, OutcomeStatus.NotMet)] // worse
    [InlineData(10, 10, OutcomeStatus.NotMet)]
    public void Response_is_a_drop_of_at_least_50_percent(int baseline, int current, OutcomeStatus status)
    {
        var outcome = TreatmentOutcome.Response(baseline, current);

        Assert.Equal(status, outcome.Status);
        Assert.Equal(status == OutcomeStatus.Met, outcome.IsMet);
        Assert.Contains($"{baseline} → {current}", outcome.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_baseline_of_0_is_not_applicable_never_a_response(int current)
    {
        var outcome = TreatmentOutcome.Response(0, current);

        Assert.Equal(OutcomeStatus.NotApplicable, outcome.Status);
        Assert.False(outcome.IsMet);
        Assert.Contains("baseline score is 0", outcome.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_baseline_or_current_score_is_not_applicable()
    {
        Assert.Equal(OutcomeStatus.NotApplicable, TreatmentOutcome.Response(null, 3).Status);
        Assert.Equal(OutcomeStatus.NotApplicable, TreatmentOutcome.Response(20, null).Status);
        Assert.Equal(OutcomeStatus.NotApplicable, TreatmentOutcome.Response((int?)null, null).Status);
    }

    [Fact]
    public void Negative_totals_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TreatmentOutcome.Response(-1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreatmentOutcome.Response(10, -1));
    }

    [Fact]
    public void Response_from_results_uses_valid_totals_and_an_invalid_baseline_is_not_applicable()
    {
        var baseline = MeasureScoring.ScorePhq9(Responses.WithTotal(InstrumentCatalog.Phq9, 20));
        var halved = MeasureScoring.ScorePhq9(Responses.WithTotal(InstrumentCatalog.Phq9, 10));
        var incomplete = MeasureScoring.ScorePhq9(Responses.WithTotal(InstrumentCatalog.Phq9, 20).With(null, 1));

        Assert.Equal(OutcomeStatus.Met, TreatmentOutcome.Response(baseline, halved).Status);
        Assert.Equal(OutcomeStatus.NotApplicable, TreatmentOutcome.Response(incomplete, halved).Status);
        Assert.Equal(OutcomeStatus.NotApplicable, TreatmentOutcome.Response(baseline, incomplete).Status);
    }

    [Fact]
    public void Response_compares_an_instrument_only_with_itself()
    {
        var phq9 = MeasureScoring.ScorePhq9(Responses.WithTotal(InstrumentCatalog.Phq9, 20));
        var gad7 = MeasureScoring.ScoreGad7(Responses.WithTotal(InstrumentCatalog.Gad7, 5));

        Assert.Throws<ArgumentException>(() => TreatmentOutcome.Response(phq9, gad7));
    }

    [Fact]
    public void The_cssrs_screener_has_no_response()
    {
        var screen = MeasureScoring.ScoreCssrsScreener(new CssrsScreenerAnswers(true, false, null, null, null, false, null));

        Assert.Equal(OutcomeStatus.NotApplicable, TreatmentOutcome.Response(screen, screen).Status);
    }

    [Theory]
    [InlineData(0, OutcomeStatus.Met)]
    [InlineData(4, OutcomeStatus.Met)]
    [InlineData(5, OutcomeStatus.NotMet)]
    [InlineData(27, OutcomeStatus.NotMet)]
    public void Phq9_remission_is_below_5(int total, OutcomeStatus status)
    {
        Assert.Equal(status, TreatmentOutcome.Remission(Instrument.Phq9, total).Status);
        Assert.Equal(status, TreatmentOutcome.Remission(MeasureScoring.ScorePhq9(Responses.WithTotal(InstrumentCatalog.Phq9, total))).Status);
    }

    [Theory]
    [InlineData(12, OutcomeStatus.Met)]
    [InlineData(13, OutcomeStatus.NotMet)]
    [InlineData(0, OutcomeStatus.Met)]
    public void Madrs_remission_defaults_to_12_or_below(int total, OutcomeStatus status)
    {
        Assert.Equal(status, TreatmentOutcome.Remission(Instrument.Madrs, total).Status);
        Assert.Equal(status, TreatmentOutcome.Remission(MeasureScoring.ScoreMadrs(Responses.WithTotal(InstrumentCatalog.Madrs, total))).Status);
    }

    [Theory]
    [InlineData(10, OutcomeStatus.Met)]
    [InlineData(11, OutcomeStatus.NotMet)]
    [InlineData(12, OutcomeStatus.NotMet)]
    public void Madrs_remission_with_a_threshold_of_10(int total, OutcomeStatus status)
    {
        Assert.Equal(status, TreatmentOutcome.Remission(Instrument.Madrs, total, madrsRemissionThreshold: 10).Status);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void A_madrs_threshold_outside_10_to_12_is_refused(int threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TreatmentOutcome.Remission(Instrument.Madrs, 5, threshold));
    }

    [Fact]
    public void A_total_outside_the_instrument_range_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TreatmentOutcome.Remission(Instrument.Phq9, 28));
        Assert.Throws<ArgumentOutOfRangeException>(() => TreatmentOutcome.Remission(Instrument.Madrs, -1));
    }

    [Fact]
    public void A_missing_or_invalid_score_has_no_remission()
    {
        var invalid = MeasureScoring.ScorePhq9(Responses.All(InstrumentCatalog.Phq9, 0).With(null, 4));

        Assert.Equal(OutcomeStatus.NotApplicable, TreatmentOutcome.Remission(Instrument.Phq9, null).Status);
        Assert.Equal(OutcomeStatus.NotApplicable, TreatmentOutcome.Remission(Instrument.Madrs, null).Status);
        Assert.Equal(OutcomeStatus.NotApplicable, TreatmentOutcome.Remission(invalid).Status);
    }

    [Theory]
    [InlineData(Instrument.Gad7, 0)]
    [InlineData(Instrument.Pcl5, 0)]
    [InlineData(Instrument.CssrsScreener, null)]
    public void Instruments_without_a_remission_rule_in_domain_md_claim_none(Instrument instrument, int? total)
    {
        var outcome = TreatmentOutcome.Remission(instrument, total);

        Assert.Equal(OutcomeStatus.NotApplicable, outcome.Status);
        Assert.Contains("no remission rule", outcome.Explanation, StringComparison.Ordinal);
    }
}
