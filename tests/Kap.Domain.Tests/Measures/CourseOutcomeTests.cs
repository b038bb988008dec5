using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

/// <summary>
/// The per-instrument arithmetic of the course summary and the clinic outcomes report: baseline, end, change, response and
/// remission (domain.md §5, §6).
/// </summary>
public sealed class CourseOutcomeTests
{
    private static readonly DateTime FirstDose = new(2026, 9, 1, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Completed = new(2026, 10, 20, 16, 0, 0, DateTimeKind.Utc);

    private static ScoredMeasure Phq9(int? total, DateTime at, bool valid = true) => new(Instrument.Phq9, at, valid && total is not null, total);

    private static ScoredMeasure Madrs(int total, DateTime at) => new(Instrument.Madrs, at, true, total);

    private static DateTime Days(int days) => FirstDose.AddDays(days);

    [Fact]
    public void Exactly_a_50_percent_drop_is_a_response_and_the_change_is_end_minus_baseline()
    {
        var outcome = CourseOutcome.For(Instrument.Phq9, [Phq9(18, Days(-3)), Phq9(9, Days(30))], FirstDose, Completed);

        Assert.True(outcome.IsComputable);
        Assert.Equal(18, outcome.Baseline!.Total);
        Assert.Equal(9, outcome.End!.Total);
        Assert.Equal(-9, outcome.Change);
        Assert.Equal(OutcomeStatus.Met, outcome.Response.Status);
        Assert.Equal("Response: 18 → 9, a drop of at least 50 % from baseline.", outcome.Response.Explanation);
        Assert.Equal(OutcomeStatus.NotMet, outcome.Remission.Status);
        Assert.Null(outcome.GapText);
    }

    [Fact]
    public void One_point_short_of_half_is_no_response()
    {
        var outcome = CourseOutcome.For(Instrument.Phq9, [Phq9(19, Days(-3)), Phq9(10, Days(30))], FirstDose, Completed);

        Assert.Equal(OutcomeStatus.NotMet, outcome.Response.Status);
        Assert.Equal(-9, outcome.Change);
    }

    [Fact]
    public void A_baseline_of_0_is_not_computable_though_the_change_is_shown()
    {
        var outcome = CourseOutcome.For(Instrument.Phq9, [Phq9(0, Days(-3)), Phq9(2, Days(30))], FirstDose, Completed);

        Assert.False(outcome.IsComputable);
        Assert.Equal(OutcomeGap.BaselineZero, outcome.Gap);
        Assert.Equal(2, outcome.Change);
        Assert.Equal(OutcomeStatus.NotApplicable, outcome.Response.Status);
        Assert.Contains("baseline score is 0", outcome.Response.Explanation, StringComparison.Ordinal);
        Assert.Equal(OutcomeStatus.NotApplicable, outcome.Remission.Status);
        Assert.Equal("Not computable: the baseline is 0, so there is nothing to drop from.", outcome.Remission.Explanation);
    }

    [Fact]
    public void A_missing_baseline_is_not_computable_and_says_so()
    {
        // Only taken after the first dose: an end score without anything to compare it with.
        var outcome = CourseOutcome.For(Instrument.Phq9, [Phq9(4, Days(30))], FirstDose, Completed);

        Assert.Equal(OutcomeGap.NoBaseline, outcome.Gap);
        Assert.Null(outcome.Baseline);
        Assert.Equal(4, outcome.End!.Total);
        Assert.Null(outcome.Change);
        Assert.Equal("Not computable: no baseline (no valid PHQ-9 on or before the first dose).", outcome.GapText);
        Assert.Equal(OutcomeStatus.NotApplicable, outcome.Response.Status);
        Assert.Equal("No valid baseline score, so response cannot be judged.", outcome.Response.Explanation);
        // PHQ-9 4 would be "remission", but without a baseline it says nothing about the course: not claimed.
        Assert.Equal(OutcomeStatus.NotApplicable, outcome.Remission.Status);
        Assert.Equal(outcome.GapText, outcome.Remission.Explanation);
    }

    [Fact]
    public void Incomplete_forms_are_skipped_for_both_baseline_and_end()
    {
        var scores = new[]
        {
            Phq9(16, Days(-10)),
            Phq9(null, Days(-1), valid: false), // incomplete, later: not the baseline
            Phq9(7, Days(20)),
            Phq9(null, Days(40), valid: false), // incomplete, latest: not the end
        };

        var outcome = CourseOutcome.For(Instrument.Phq9, scores, FirstDose, Completed);

        Assert.Equal(Days(-10), outcome.Baseline!.TakenAtUtc);
        Assert.Equal(Days(20), outcome.End!.TakenAtUtc);
        Assert.Equal(-9, outcome.Change);
        Assert.Equal(OutcomeStatus.Met, outcome.Response.Status);
    }

    [Fact]
    public void Only_incomplete_forms_mean_not_recorded()
    {
        var outcome = CourseOutcome.For(Instrument.Phq9, [Phq9(null, Days(-1), valid: false), Phq9(null, Days(20), valid: false)], FirstDose, Completed);

        Assert.Equal(OutcomeGap.NotRecorded, outcome.Gap);
        Assert.Equal("Not computable: no valid PHQ-9 recorded.", outcome.GapText);
        Assert.Equal(OutcomeStatus.NotApplicable, outcome.Response.Status);
    }

    [Fact]
    public void The_baseline_is_the_last_valid_score_on_or_before_the_first_dose()
    {
        var scores = new[] { Phq9(20, Days(-14)), Phq9(17, FirstDose), Phq9(12, Days(2)), Phq9(8, Days(30)) };

        var outcome = CourseOutcome.For(Instrument.Phq9, scores, FirstDose, Completed);

        Assert.Equal(17, outcome.Baseline!.Total); // taken at the very minute of the first dose: still the baseline
        Assert.Equal(8, outcome.End!.Total);
    }

    [Fact]
    public void The_end_is_the_latest_valid_score_after_the_first_dose_up_to_completion_not_a_follow_up()
    {
        var scores = new[]
        {
            Phq9(20, Days(-5)),
            Phq9(14, Days(10)),
            Phq9(9, Completed), // the end-of-course measure, at the moment of completion
            Phq9(3, Completed.AddDays(30)), // the 1-month follow-up
        };

        var outcome = CourseOutcome.For(Instrument.Phq9, scores, FirstDose, Completed);

        Assert.Equal(9, outcome.End!.Total);
        Assert.Equal(-11, outcome.Change);
    }

    [Fact]
    public void While_the_course_is_open_the_end_is_the_latest_score_so_far()
    {
        var scores = new[] { Phq9(20, Days(-5)), Phq9(14, Days(10)), Phq9(11, Days(17)) };

        var outcome = CourseOutcome.For(Instrument.Phq9, scores, FirstDose, closedAtUtc: null);

        Assert.Equal(11, outcome.End!.Total);
        Assert.Equal(-9, outcome.Change);
        Assert.Equal(OutcomeStatus.NotMet, outcome.Response.Status);
    }

    [Fact]
    public void Scores_out_of_order_are_sorted_by_when_they_were_taken()
    {
        var scores = new[] { Phq9(6, Days(25)), Phq9(20, Days(-2)), Phq9(15, Days(10)), Phq9(22, Days(-20)) };

        var outcome = CourseOutcome.For(Instrument.Phq9, scores, FirstDose, Completed);

        Assert.Equal(20, outcome.Baseline!.Total);
        Assert.Equal(6, outcome.End!.Total);
    }

    [Fact]
    public void A_baseline_with_no_score_after_the_first_dose_has_no_end()
    {
        var outcome = CourseOutcome.For(Instrument.Phq9, [Phq9(15, Days(-2))], FirstDose, Completed);

        Assert.Equal(OutcomeGap.NoEnd, outcome.Gap);
        Assert.Equal(15, outcome.Baseline!.Total);
        Assert.Null(outcome.End);
        Assert.Contains("no end score", outcome.GapText, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_dose_the_baseline_so_far_is_shown_and_nothing_is_computed()
    {
        var outcome = CourseOutcome.For(Instrument.Phq9, [Phq9(15, Days(-9)), Phq9(13, Days(-2))], firstDoseUtc: null, closedAtUtc: null);

        Assert.Equal(OutcomeGap.NoDose, outcome.Gap);
        Assert.Equal(13, outcome.Baseline!.Total);
        Assert.Null(outcome.End);
        Assert.Null(outcome.Change);
        Assert.StartsWith("Not computable yet: no dose has been given", outcome.GapText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(12, 12, OutcomeStatus.Met)]
    [InlineData(13, 12, OutcomeStatus.NotMet)]
    [InlineData(11, 10, OutcomeStatus.NotMet)]
    [InlineData(10, 10, OutcomeStatus.Met)]
    public void Madrs_remission_uses_the_clinic_threshold(int end, int threshold, OutcomeStatus status)
    {
        var outcome = CourseOutcome.For(Instrument.Madrs, [Madrs(30, Days(-1)), Madrs(end, Days(30))], FirstDose, Completed, threshold);

        Assert.Equal(status, outcome.Remission.Status);
        Assert.Contains($"{threshold}", outcome.Remission.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Gad7_and_pcl5_have_a_response_but_no_remission_rule()
    {
        var scores = new ScoredMeasure[] { new(Instrument.Gad7, Days(-1), true, 14), new(Instrument.Gad7, Days(30), true, 7) };

        var outcome = CourseOutcome.For(Instrument.Gad7, scores, FirstDose, Completed);

        Assert.Equal(OutcomeStatus.Met, outcome.Response.Status);
        Assert.Equal(OutcomeStatus.NotApplicable, outcome.Remission.Status);
        Assert.Contains("no remission rule", outcome.Remission.Explanation, StringComparison.Ordinal);
        Assert.False(outcome.HasRemissionRule);
    }

    [Fact]
    public void Each_reportable_instrument_is_computed_from_its_own_scores()
    {
        var scores = new ScoredMeasure[] { Phq9(20, Days(-1)), Phq9(4, Days(30)), Madrs(30, Days(-1)), Madrs(20, Days(30)) };

        var outcomes = CourseOutcome.ForCourse(scores, FirstDose, Completed);

        Assert.Equal([Instrument.Phq9, Instrument.Gad7, Instrument.Pcl5, Instrument.Madrs], outcomes.Select(o => o.Instrument));
        Assert.Equal(OutcomeStatus.Met, outcomes[0].Remission.Status);
        Assert.Equal(OutcomeGap.NotRecorded, outcomes[1].Gap);
        Assert.Equal(-10, outcomes[3].Change);
        Assert.Equal(OutcomeStatus.NotMet, outcomes[3].Response.Status);
    }

    [Fact]
    public void The_cssrs_screener_has_no_outcome()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CourseOutcome.For(Instrument.CssrsScreener, [], FirstDose, Completed));
    }

    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { -5 }, -5.0)]
    [InlineData(new[] { -9, -3 }, -6.0)]
    [InlineData(new[] { -9, -4 }, -6.5)] // even count: the mean of the two middle values
    [InlineData(new[] { 2, -10, -4 }, -4.0)]
    [InlineData(new[] { -1, -12, 3, -7 }, -4.0)] // sorted -12, -7, -1, 3
    public void The_median_of_an_even_count_is_the_mean_of_the_two_middle_values(int[] values, double? median)
    {
        Assert.Equal(median is null ? null : (decimal)median, OutcomeStatistics.Median(values));
    }

    [Theory]
    [InlineData(7, 12, "7 of 12 (58 %)")]
    [InlineData(1, 8, "1 of 8 (13 %)")] // 12.5 rounds away from zero
    [InlineData(0, 3, "0 of 3 (0 %)")]
    [InlineData(3, 3, "3 of 3 (100 %)")]
    [InlineData(0, 0, "0 of 0 (no computable pair)")]
    public void A_rate_is_shown_with_the_counts_behind_it(int count, int of, string text)
    {
        Assert.Equal(text, OutcomeStatistics.Describe(count, of));
    }

    [Theory]
    [InlineData(null, "—")]
    [InlineData(-6.5, "-6.5")]
    [InlineData(2.0, "+2")]
    [InlineData(0.0, "0")]
    public void A_change_is_shown_with_its_sign(double? change, string text)
    {
        Assert.Equal(text, OutcomeStatistics.DescribeChange(change is null ? null : (decimal)change));
    }
}
