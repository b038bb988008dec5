namespace Kap.Domain.Measures;

/// <summary>
/// The score of one completed (or partly completed) instrument. Created only by
/// <see cref="MeasureScoring"/>, so a result always agrees with the rules of domain.md §6; store the
/// responses and re-score rather than storing a result built elsewhere.
/// </summary>
public sealed record MeasureResult
{
    internal MeasureResult(Instrument instrument) => Instrument = instrument;

    public Instrument Instrument { get; }

    /// <summary>
    /// Every required item is answered. A missing item makes the total invalid: it is stored as it is and
    /// never guessed or prorated (domain.md §6).
    /// </summary>
    public bool IsValid { get; internal init; }

    /// <summary>The sum of the items; <see langword="null"/> when invalid and for the C-SSRS screener and the next-day check-in.</summary>
    public int? Total { get; internal init; }

    /// <summary>The severity band of the total; <see langword="null"/> when invalid or the instrument has no bands.</summary>
    public SeverityBand? Band { get; internal init; }

    public string? BandText => Band?.Describe();

    /// <summary>The 1-based numbers of the required items left unanswered (see <see cref="MeasureItem.Number"/>).</summary>
    public IReadOnlyList<int> MissingItems { get; internal init; } = [];

    /// <summary>
    /// PHQ-9 item 9 above 0 (regardless of the total, even with other items missing), a "yes" to self-harm on the
    /// next-day check-in, or a high-risk C-SSRS screener: the therapist is alerted at once (domain.md §2, §5, §6).
    /// </summary>
    public bool SuicideRiskAlert { get; internal init; }

    /// <summary>PHQ-9 item 9 above 0, or self-harm thoughts on the next-day check-in: a C-SSRS screener should be done now (domain.md §6).</summary>
    public bool PromptCssrs { get; internal init; }

    /// <summary>PCL-5 total at or above the clinic's cut-off; <see langword="null"/> when invalid or not a PCL-5.</summary>
    public bool? ProbablePtsd { get; internal init; }

    /// <summary>The PCL-5 cut-off the result was scored with, so the form can say "≥ 33".</summary>
    public int? ProbablePtsdCutOff { get; internal init; }

    /// <summary>
    /// PCL-5 DSM-5 symptom pattern (items rated ≥ 2 count): ≥ 1 of B (1–5), ≥ 1 of C (6–7), ≥ 2 of D
    /// (8–14), ≥ 2 of E (15–20). <see langword="null"/> when invalid or not a PCL-5.
    /// </summary>
    public bool? DsmPatternMet { get; internal init; }

    /// <summary>How many items of each DSM-5 cluster were endorsed; <see langword="null"/> when invalid or not a PCL-5.</summary>
    public Pcl5ClusterCounts? DsmClusters { get; internal init; }

    /// <summary>
    /// The C-SSRS risk level. For a complete screener, always set. For an incomplete one, only
    /// <see cref="CssrsRisk.High"/> is reported — the answers given already prove it — and otherwise
    /// <see langword="null"/>, because a missing answer could still raise the level.
    /// </summary>
    public CssrsRisk? CssrsRisk { get; internal init; }

    /// <summary>
    /// PHQ-9 item 9 above 0, a "yes" to self-harm on the next-day check-in, or a high-risk C-SSRS screener. The gate to
    /// dosing blocks on this until a clinician records a risk assessment; kept apart from <see cref="SuicideRiskAlert"/>
    /// because the alert is a one-off notification while this is a standing condition of the course.
    /// </summary>
    public bool RequiresRiskAssessment =>
        ((Instrument is Instrument.Phq9 or Instrument.NextDayCheckIn) && SuicideRiskAlert) || CssrsRisk == Measures.CssrsRisk.High;

    /// <summary>
    /// Answers that ask the therapist to get in touch without requiring a risk assessment: on the next-day check-in a very
    /// low mood or a severe side effect (<see cref="NextDayCheckInRules"/>); on a complete C-SSRS screener a low or
    /// moderate risk. Used when the patient fills the form in themselves (staff entering it already know).
    /// </summary>
    public IReadOnlyList<string> FollowUpReasons { get; internal init; } = [];

    public bool NeedsFollowUp => FollowUpReasons.Count > 0;

    /// <summary>Plain-language explanations for the clinician: what is missing, which flags fired and why.</summary>
    public IReadOnlyList<string> Messages { get; internal init; } = [];
}

/// <summary>Endorsed items (rated ≥ 2) per DSM-5 cluster of the PCL-5.</summary>
public sealed record Pcl5ClusterCounts(int Intrusion, int Avoidance, int NegativeCognitionsAndMood, int ArousalAndReactivity)
{
    /// <summary>Cluster B, items 1–5, needs 1.</summary>
    public bool IntrusionMet => Intrusion >= 1;

    /// <summary>Cluster C, items 6–7, needs 1.</summary>
    public bool AvoidanceMet => Avoidance >= 1;

    /// <summary>Cluster D, items 8–14, needs 2.</summary>
    public bool NegativeCognitionsAndMoodMet => NegativeCognitionsAndMood >= 2;

    /// <summary>Cluster E, items 15–20, needs 2.</summary>
    public bool ArousalAndReactivityMet => ArousalAndReactivity >= 2;

    public bool AllMet => IntrusionMet && AvoidanceMet && NegativeCognitionsAndMoodMet && ArousalAndReactivityMet;
}
