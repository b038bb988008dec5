namespace Kap.Domain.Measures;

/// <summary>
/// When a patient filling in a questionnaire themselves is shown the clinic's crisis contact and the national crisis line
/// — at once, as soon as the answer is given, before the form is submitted (issue 7). Deliberately wider than the risk
/// alert (<see cref="MeasureResult.RequiresRiskAssessment"/>): showing someone the numbers costs nothing, so every answer
/// that speaks of suicidal thoughts or self-harm shows them.
/// <list type="bullet">
/// <item>PHQ-9 item 9 ("thoughts that you would be better off dead or of hurting yourself") above 0.</item>
/// <item>Next-day check-in: "yes" to thoughts of harming oneself or of being better off dead since the session.</item>
/// <item>C-SSRS screener: "yes" to any question (each is about a wish to be dead, suicidal thoughts, intent, a plan or
/// suicidal behaviour).</item>
/// </list>
/// A very low mood or a severe side effect on the check-in is not a crisis: it asks the therapist to follow up
/// (<see cref="NextDayCheckInRules"/>) and the result page says the care team will be in touch.
/// </summary>
public static class CrisisSupport
{
    /// <summary>Whether the answers given so far (one per item, null where unanswered; shorter lists allowed) call for the crisis panel.</summary>
    public static bool ShouldShow(Instrument instrument, IReadOnlyList<int?> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        return instrument switch
        {
            Instrument.Phq9 => Answer(responses, MeasureScoring.Phq9SuicideItem) > 0,
            Instrument.NextDayCheckIn => Answer(responses, NextDayCheckInRules.SelfHarmItem) == 1,
            Instrument.CssrsScreener => Asked(InstrumentCatalog.CssrsScreener, responses).Any(v => v == 1),
            _ => false,
        };
    }

    private static int? Answer(IReadOnlyList<int?> responses, int item) => item <= responses.Count ? responses[item - 1] : null;

    // Only answers to questions that are asked count (a stale "yes" to Q3 after Q2 became "no" is not an answer).
    private static IEnumerable<int?> Asked(InstrumentDefinition definition, IReadOnlyList<int?> responses) =>
        definition.Items.Where(i => i.Number <= responses.Count && definition.IsAsked(i.Number, responses)).Select(i => responses[i.Number - 1]);
}
