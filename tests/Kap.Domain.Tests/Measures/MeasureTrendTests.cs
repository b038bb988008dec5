using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

/// <summary>The trend the outcome charts draw: baseline choice, dose numbers, response and remission as they are reached.</summary>
public sealed class MeasureTrendTests
{
    private static readonly DateTime T0 = new(2026, 9, 1, 15, 0, 0, DateTimeKind.Utc);

    private static TakenMeasure Score(int day, int? total, bool valid = true) =>
        new(T0.AddDays(day), valid && total is not null, valid ? total : null, total is { } t && valid ? InstrumentCatalog.Phq9.Bands.Single(b => b.Contains(t)).Band : null);

    private static DateTime Dose(int day) => T0.AddDays(day).AddHours(-2);

    [Fact]
    public void The_baseline_is_the_last_valid_score_before_the_first_dose_and_doses_number_the_later_scores()
    {
        var trend = MeasureTrends.Build(Instrument.Phq9, [Score(0, 18), Score(5, 16), Score(12, 11), Score(19, 7)], [Dose(7), Dose(9), Dose(11), Dose(14)]);

        Assert.Equal(16, trend.Baseline!.Total);
        Assert.Equal([0, 0, 3, 4], trend.Points.Select(p => p.DoseNumber));
        Assert.Equal(OutcomeStatus.NotApplicable, trend.Points[0].Response.Status); // before the baseline
        Assert.Equal(OutcomeStatus.NotMet, trend.Points[2].Response.Status); // 16 → 11
        Assert.Equal(OutcomeStatus.Met, trend.Points[3].Response.Status); // 16 → 7, ≥ 50 %
        Assert.Equal(7, trend.FirstResponse!.Total);
        Assert.Null(trend.FirstRemission);
        Assert.Equal([16, 11, 7], trend.ByDose.Select(p => p.Total));
    }

    [Fact]
    public void Exactly_a_fifty_percent_drop_is_a_response_and_one_point_less_is_not()
    {
        Assert.Equal(OutcomeStatus.Met, MeasureTrends.Build(Instrument.Phq9, [Score(0, 14), Score(10, 7)], [Dose(1)]).LatestResponse.Status);
        Assert.Equal(OutcomeStatus.NotMet, MeasureTrends.Build(Instrument.Phq9, [Score(0, 15), Score(10, 8)], [Dose(1)]).LatestResponse.Status);
    }

    [Fact]
    public void A_baseline_of_0_or_no_baseline_makes_response_not_computable_and_says_so()
    {
        var zero = MeasureTrends.Build(Instrument.Phq9, [Score(0, 0), Score(10, 3)], [Dose(1)]);
        Assert.Equal(OutcomeStatus.NotApplicable, zero.LatestResponse.Status);
        Assert.Contains("baseline score is 0", zero.LatestResponse.Explanation);

        var none = MeasureTrends.Build(Instrument.Phq9, [Score(10, 3)], [Dose(1)]);
        Assert.Null(none.Baseline);
        Assert.Equal(OutcomeStatus.NotApplicable, none.LatestResponse.Status);
        Assert.Contains("No valid baseline", none.LatestResponse.Explanation);
        Assert.Null(none.FirstResponse);
    }

    [Fact]
    public void An_incomplete_form_is_counted_never_plotted_and_never_becomes_the_baseline()
    {
        var trend = MeasureTrends.Build(Instrument.Phq9, [Score(0, 20), Score(6, null, valid: false), Score(12, 4)], [Dose(7)]);
        Assert.Equal(20, trend.Baseline!.Total);
        Assert.Equal(1, trend.InvalidForms);
        Assert.Equal(2, trend.Points.Count);
        Assert.Equal(4, trend.FirstRemission!.Total); // PHQ-9 below 5
    }

    [Fact]
    public void Remission_at_baseline_is_not_counted_as_reached_during_the_course()
    {
        var trend = MeasureTrends.Build(Instrument.Phq9, [Score(0, 3), Score(10, 2)], [Dose(1)]);
        Assert.Equal(2, trend.FirstRemission!.Total);
        Assert.False(trend.FirstRemission.IsBaseline);
    }

    [Fact]
    public void Madrs_remission_uses_the_clinics_threshold_and_pcl5_draws_its_cut_off()
    {
        var madrs = new[] { new TakenMeasure(T0, true, 30, SeverityBand.Moderate), new TakenMeasure(T0.AddDays(20), true, 11, SeverityBand.Mild) };
        Assert.NotNull(MeasureTrends.Build(Instrument.Madrs, madrs, [Dose(1)], new MeasureSettings(MadrsRemissionThreshold: 12)).FirstRemission);
        Assert.Null(MeasureTrends.Build(Instrument.Madrs, madrs, [Dose(1)], new MeasureSettings(MadrsRemissionThreshold: 10)).FirstRemission);
        Assert.Equal([7, 20, 35], MeasureTrends.Build(Instrument.Madrs, madrs, [Dose(1)]).Edges);

        var pcl = MeasureTrends.Build(Instrument.Pcl5, [new TakenMeasure(T0, true, 50, null)], [], new MeasureSettings(Pcl5ProbablePtsdCutOff: 31));
        Assert.Equal(31, pcl.CutOff);
        Assert.Empty(pcl.Edges);
    }

    [Fact]
    public void Before_any_dose_the_latest_valid_score_is_the_baseline()
    {
        var trend = MeasureTrends.Build(Instrument.Phq9, [Score(0, 18), Score(5, 16)], []);
        Assert.Equal(16, trend.Baseline!.Total);
        Assert.Equal("No score after the baseline yet.", trend.LatestResponse.Explanation);
    }
}
