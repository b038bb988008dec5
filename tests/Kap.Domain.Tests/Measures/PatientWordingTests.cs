using Kap.Domain.Measures;

namespace Kap.Domain.Tests.Measures;

/// <summary>What a patient is told after submitting a questionnaire: the band in plain words, never a diagnosis.</summary>
public sealed class PatientWordingTests
{
    [Fact]
    public void A_mild_phq9_reads_as_mild_symptoms_with_the_score_and_the_care_team()
    {
        var text = PatientWording.Describe(MeasureScoring.ScorePhq9([1, 1, 1, 1, 1, 1, 1, 0, 0]), showScores: true);

        Assert.Equal("Your answers suggest mild symptoms of depression.", text.Headline);
        Assert.Equal("Your score: 7 out of 27.", text.Score);
        Assert.Equal(PatientWording.CareTeamWillLook, text.NextStep);
        Assert.Contains("not a diagnosis", text.NextStep, StringComparison.Ordinal);
    }

    [Fact]
    public void With_scores_hidden_neither_the_band_nor_the_total_is_given()
    {
        var text = PatientWording.Describe(MeasureScoring.ScoreGad7([3, 3, 3, 3, 3, 3, 3]), showScores: false);

        Assert.Equal("Thank you for answering these questions.", text.Headline);
        Assert.Null(text.Score);
        Assert.Equal("Your answers suggest severe symptoms of anxiety.", PatientWording.Describe(MeasureScoring.ScoreGad7([3, 3, 3, 3, 3, 3, 3]), true).Headline);
    }

    [Fact]
    public void A_risk_answer_says_the_care_team_has_been_told()
    {
        var phq = PatientWording.Describe(MeasureScoring.ScorePhq9([0, 0, 0, 0, 0, 0, 0, 0, 1]), showScores: true);
        Assert.Contains("thoughts of harming yourself", phq.Headline, StringComparison.Ordinal);
        Assert.Equal(PatientWording.CareTeamAlerted, phq.NextStep);

        var checkIn = PatientWording.Describe(MeasureScoring.Score(Instrument.NextDayCheckIn, [0, 3, 0, 0, 0, 0, 0]), showScores: true);
        Assert.Equal("Thank you for your check-in.", checkIn.Headline);
        Assert.Null(checkIn.Score);
        Assert.Equal(PatientWording.CareTeamAlerted, checkIn.NextStep);
    }
}
