using System.Globalization;

namespace Kap.Domain.Measures;

/// <summary>A submitted questionnaire in words for the patient who filled it in: never a diagnosis.</summary>
/// <param name="Headline">What the answers suggest, or a thank-you for forms without a score.</param>
/// <param name="Score">"Your score: 8 out of 27", when the clinic shows scores and the form has a total.</param>
/// <param name="NextStep">What happens now: the care team looks at it, or has been told and will be in touch.</param>
public sealed record PatientResultText(string Headline, string? Score, string NextStep);

/// <summary>
/// How a patient is told the result of a questionnaire they filled in themselves. Scores are described by their band
/// ("mild symptoms of depression"), never as a diagnosis, and always with the care team's part. When the clinic does not
/// show scores to patients (<c>Portal:ShowScoresToPatients</c>), neither the total nor the band is given.
/// </summary>
public static class PatientWording
{
    public const string CareTeamWillLook = "This is not a diagnosis. Your care team will look at your answers and talk them through with you.";
    public const string CareTeamAlerted = "Your care team has been told about your answers and will contact you soon.";

    public static PatientResultText Describe(MeasureResult result, bool showScores)
    {
        ArgumentNullException.ThrowIfNull(result);
        var next = result.RequiresRiskAssessment || result.NeedsFollowUp ? CareTeamAlerted : CareTeamWillLook;
        var definition = InstrumentCatalog.Get(result.Instrument);
        string? score = showScores && result.Total is { } total && definition.MaxTotal is { } max
            ? string.Create(CultureInfo.InvariantCulture, $"Your score: {total} out of {max}.")
            : null;

        var headline = result.Instrument switch
        {
            Instrument.Phq9 when showScores && result.Band is { } band => $"Your answers suggest {Band(band)} symptoms of depression.",
            Instrument.Gad7 when showScores && result.Band is { } band => $"Your answers suggest {Band(band)} symptoms of anxiety.",
            Instrument.NextDayCheckIn => "Thank you for your check-in.",
            _ => "Thank you for answering these questions.",
        };

        if (result.RequiresRiskAssessment)
        {
            headline += " Some of your answers tell us you may be having thoughts of harming yourself.";
        }

        return new PatientResultText(headline, score, next);
    }

    private static string Band(SeverityBand band) => band.Describe().ToLower(CultureInfo.InvariantCulture);
}
