using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

/// <summary>PCL-5: the clinic's cut-off (31–33, default 33) and the DSM-5 pattern, both reported (domain.md §6).</summary>
public sealed class Pcl5ScoringTests
{
    /// <summary>The least that meets the DSM-5 pattern: items 1; 6; 8, 9; 15, 16 at 2 ("Moderately").</summary>
    private static readonly int?[] MinimalPattern = Responses.All(InstrumentCatalog.Pcl5, 0).With(2, 1, 6, 8, 9, 15, 16);

    [Theory]
    [InlineData(0, false)]
    [InlineData(32, false)]
    [InlineData(33, true)]
    [InlineData(80, true)]
    public void Default_cut_off_is_33(int total, bool probable)
    {
        var result = MeasureScoring.ScorePcl5(Responses.WithTotal(InstrumentCatalog.Pcl5, total));

        Assert.True(result.IsValid);
        Assert.Equal(total, result.Total);
        Assert.Equal(probable, result.ProbablePtsd);
        Assert.Equal(33, result.ProbablePtsdCutOff);
        Assert.Null(result.Band);
        Assert.False(result.RequiresRiskAssessment);
    }

    [Theory]
    [InlineData(30, false)]
    [InlineData(31, true)]
    [InlineData(32, true)]
    public void A_clinic_setting_of_31_moves_the_cut_off(int total, bool probable)
    {
        var responses = Responses.WithTotal(InstrumentCatalog.Pcl5, total);

        var direct = MeasureScoring.ScorePcl5(responses, probablePtsdCutOff: 31);
        var viaSettings = MeasureScoring.Score(Instrument.Pcl5, responses, new MeasureSettings(Pcl5ProbablePtsdCutOff: 31));

        Assert.Equal(probable, direct.ProbablePtsd);
        Assert.Equal(31, direct.ProbablePtsdCutOff);
        Assert.Equal(probable, viaSettings.ProbablePtsd);
        Assert.Equal(31, viaSettings.ProbablePtsdCutOff);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(34)]
    [InlineData(0)]
    public void A_cut_off_outside_31_to_33_is_refused(int cutOff)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MeasureScoring.ScorePcl5(Responses.All(InstrumentCatalog.Pcl5, 0), cutOff));
    }

    [Fact]
    public void The_minimal_pattern_meets_the_dsm_pattern_below_the_cut_off_and_both_results_are_reported()
    {
        var result = MeasureScoring.ScorePcl5(MinimalPattern);

        Assert.Equal(12, result.Total);
        Assert.False(result.ProbablePtsd);
        Assert.True(result.DsmPatternMet);
        Assert.Equal(new Pcl5ClusterCounts(1, 1, 2, 2), result.DsmClusters);
        Assert.Contains(result.Messages, m => m.Contains("below the cut-off of 33", StringComparison.Ordinal));
        Assert.Contains(result.Messages, m => m.Contains("DSM-5 symptom pattern is met", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)] // cluster B left with 0 of 1
    [InlineData(6)] // cluster C left with 0 of 1
    [InlineData(8)] // cluster D left with 1 of 2
    [InlineData(9)]
    [InlineData(15)] // cluster E left with 1 of 2
    [InlineData(16)]
    public void One_endorsed_item_short_in_any_cluster_fails_the_pattern_because_a_1_does_not_count(int item)
    {
        var result = MeasureScoring.ScorePcl5(MinimalPattern.With(1, item));

        Assert.True(result.IsValid);
        Assert.False(result.DsmPatternMet);
        Assert.Contains(result.Messages, m => m.Contains("not met", StringComparison.Ordinal));
    }

    [Fact]
    public void The_last_item_of_each_cluster_counts_for_that_cluster()
    {
        var responses = Responses.All(InstrumentCatalog.Pcl5, 0).With(2, 5, 7, 13, 14, 19, 20);

        var result = MeasureScoring.ScorePcl5(responses);

        Assert.True(result.DsmPatternMet);
        Assert.Equal(new Pcl5ClusterCounts(1, 1, 2, 2), result.DsmClusters);
    }

    [Fact]
    public void An_item_counts_only_for_its_own_cluster()
    {
        // Items 5 and 8 are either side of the B/D edge, 7 and 8 of the C/D edge, 14 and 15 of the D/E edge.
        var bWithoutC = Responses.All(InstrumentCatalog.Pcl5, 0).With(2, 5, 8, 9, 10, 15, 16);
        var result = MeasureScoring.ScorePcl5(bWithoutC);

        Assert.Equal(new Pcl5ClusterCounts(1, 0, 3, 2), result.DsmClusters);
        Assert.False(result.DsmClusters!.AvoidanceMet);
        Assert.False(result.DsmPatternMet);

        var dShortOfE = Responses.All(InstrumentCatalog.Pcl5, 0).With(2, 1, 6, 14, 15, 16, 17);
        var second = MeasureScoring.ScorePcl5(dShortOfE);

        Assert.Equal(new Pcl5ClusterCounts(1, 1, 1, 3), second.DsmClusters);
        Assert.False(second.DsmPatternMet);
    }

    [Fact]
    public void A_high_total_without_the_pattern_is_probable_ptsd_but_not_pattern_met()
    {
        // Clusters B, D and E at 4 throughout, avoidance (C) at 0: total 72, pattern not met.
        var responses = Responses.All(InstrumentCatalog.Pcl5, 4).With(0, 6, 7);

        var result = MeasureScoring.ScorePcl5(responses);

        Assert.Equal(72, result.Total);
        Assert.True(result.ProbablePtsd);
        Assert.False(result.DsmPatternMet);
    }

    [Fact]
    public void A_missing_item_gives_neither_result()
    {
        var result = MeasureScoring.ScorePcl5(Responses.All(InstrumentCatalog.Pcl5, 4).With(null, 11));

        Assert.False(result.IsValid);
        Assert.Equal([11], result.MissingItems);
        Assert.Null(result.Total);
        Assert.Null(result.ProbablePtsd);
        Assert.Null(result.DsmPatternMet);
        Assert.Null(result.DsmClusters);
    }
}
