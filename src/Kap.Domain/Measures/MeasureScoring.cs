using System.Globalization;
using Kap.Domain.Common;

namespace Kap.Domain.Measures;

/// <summary>
/// Scores the outcome measures exactly as domain.md §6 says. Pure functions: a response set in, a
/// <see cref="MeasureResult"/> out.
/// <para>
/// A response set holds one <c>int?</c> per item in item order; <see langword="null"/> is a missing
/// answer. A missing item makes the result invalid (no total, the missing items named) — it is never
/// guessed or prorated. Safety flags still fire from the answers that were given (PHQ-9 item 9 above 0,
/// C-SSRS high-risk answers), because a missing item can never take such an answer back.
/// </para>
/// <para>
/// Malformed input — the wrong number of items, or a value outside an item's range — is refused with an
/// exception (<see cref="ArgumentException"/>, <see cref="ArgumentOutOfRangeException"/> for a value out
/// of range) rather than returned as an invalid result: a form built from
/// <see cref="InstrumentCatalog"/> cannot produce it, so it is a programming error or tampering, never a
/// clinical state worth storing. Callers taking input from outside (an API, the patient portal) check it
/// first with <see cref="CheckResponses"/>, which names every problem.
/// </para>
/// </summary>
public static class MeasureScoring
{
    /// <summary>PHQ-9 item 9: "Thoughts that you would be better off dead or of hurting yourself in some way".</summary>
    public const int Phq9SuicideItem = 9;

    /// <summary>A PCL-5 item rated 2 ("Moderately") or higher counts as a symptom endorsed (National Center for PTSD).</summary>
    public const int Pcl5EndorsedAt = 2;

    /// <summary>Scores any instrument from its stored response set (the C-SSRS screener's 7 items as 0/1; the next-day check-in's 7 items).</summary>
    public static MeasureResult Score(Instrument instrument, IReadOnlyList<int?> responses, MeasureSettings? settings = null) => instrument switch
    {
        Instrument.Phq9 => ScorePhq9(responses),
        Instrument.Gad7 => ScoreGad7(responses),
        Instrument.Pcl5 => ScorePcl5(responses, (settings ?? MeasureSettings.Default).Pcl5ProbablePtsdCutOff),
        Instrument.Madrs => ScoreMadrs(responses),
        Instrument.CssrsScreener => ScoreCssrsScreener(CssrsScreenerAnswers.FromResponses(responses)),
        Instrument.NextDayCheckIn => NextDayCheckInRules.Score(responses),
        _ => throw new ArgumentOutOfRangeException(nameof(instrument), instrument, "Unknown instrument."),
    };

    /// <summary>
    /// Names every way a response set is malformed for the instrument (wrong count, values out of range),
    /// so an API or form can refuse it with a message before scoring. Missing answers are not problems here:
    /// they are stored and make the score invalid.
    /// </summary>
    public static DomainResult CheckResponses(Instrument instrument, IReadOnlyList<int?>? responses) =>
        CheckResponses(InstrumentCatalog.Get(instrument), responses);

    /// <summary>PHQ-9: 9 items 0–3, total 0–27, five bands; item 9 above 0 alerts and prompts a C-SSRS.</summary>
    public static MeasureResult ScorePhq9(IReadOnlyList<int?> responses)
    {
        var definition = InstrumentCatalog.Phq9;
        var (result, messages) = ScoreTotal(definition, responses);
        var item9 = responses[Phq9SuicideItem - 1];
        var alert = item9 > 0;
        if (alert)
        {
            messages.Add($"Item 9 (thoughts of being better off dead or of self-harm) is {item9}: suicide-risk alert regardless of the total. Complete a C-SSRS screener now; dosing is blocked until a clinician records a risk assessment.");
        }
        else if (item9 is null)
        {
            messages.Add("Item 9 (thoughts of being better off dead or of self-harm) is unanswered: ask it before relying on this screen.");
        }

        return result with { SuicideRiskAlert = alert, PromptCssrs = alert, Messages = messages };
    }

    /// <summary>GAD-7: 7 items 0–3, total 0–21, four bands.</summary>
    public static MeasureResult ScoreGad7(IReadOnlyList<int?> responses)
    {
        var (result, messages) = ScoreTotal(InstrumentCatalog.Gad7, responses);
        return result with { Messages = messages };
    }

    /// <summary>MADRS (clinician-rated): 10 items 0–6, total 0–60, four bands.</summary>
    public static MeasureResult ScoreMadrs(IReadOnlyList<int?> responses)
    {
        var (result, messages) = ScoreTotal(InstrumentCatalog.Madrs, responses);
        return result with { Messages = messages };
    }

    /// <summary>
    /// PCL-5: 20 items 0–4, total 0–80. Reports both the cut-off result (probable PTSD at a total ≥
    /// <paramref name="probablePtsdCutOff"/>, the clinic's setting, 31–33) and the DSM-5 pattern result;
    /// they can disagree, and the clinician should see both.
    /// </summary>
    public static MeasureResult ScorePcl5(IReadOnlyList<int?> responses, int probablePtsdCutOff = MeasureSettings.DefaultPcl5CutOff)
    {
        if (probablePtsdCutOff is < MeasureSettings.MinPcl5CutOff or > MeasureSettings.MaxPcl5CutOff)
        {
            throw new ArgumentOutOfRangeException(nameof(probablePtsdCutOff), probablePtsdCutOff, $"The PCL-5 cut-off must be between {MeasureSettings.MinPcl5CutOff} and {MeasureSettings.MaxPcl5CutOff} (domain.md §6).");
        }

        var (result, messages) = ScoreTotal(InstrumentCatalog.Pcl5, responses);
        if (result.Total is not { } total)
        {
            return result with { ProbablePtsdCutOff = probablePtsdCutOff, Messages = messages };
        }

        var clusters = new Pcl5ClusterCounts(
            Intrusion: Endorsed(responses, 1, 5),
            Avoidance: Endorsed(responses, 6, 7),
            NegativeCognitionsAndMood: Endorsed(responses, 8, 14),
            ArousalAndReactivity: Endorsed(responses, 15, 20));
        var probable = total >= probablePtsdCutOff;
        messages.Add(probable
            ? $"Total {total} is at or above the cut-off of {probablePtsdCutOff}: probable PTSD."
            : $"Total {total} is below the cut-off of {probablePtsdCutOff}.");
        messages.Add(clusters.AllMet
            ? "The DSM-5 symptom pattern is met (items rated 2 or higher: at least 1 of items 1–5, 1 of 6–7, 2 of 8–14 and 2 of 15–20)."
            : "The DSM-5 symptom pattern is not met (items rated 2 or higher needed: at least 1 of items 1–5, 1 of 6–7, 2 of 8–14 and 2 of 15–20).");

        return result with
        {
            ProbablePtsd = probable,
            ProbablePtsdCutOff = probablePtsdCutOff,
            DsmPatternMet = clusters.AllMet,
            DsmClusters = clusters,
            Messages = messages,
        };
    }

    /// <summary>
    /// C-SSRS screener (domain.md §2). Skip logic: Q1, Q2 and Q6 are always required; Q3–Q5 only when Q2 is
    /// yes; the past-3-months follow-up only when Q6 is yes. Answers to questions that were not to be asked
    /// (Q3–Q5 after Q2 no, the follow-up after Q6 no) are ignored and named in the messages.
    /// <list type="bullet">
    /// <item>High: yes to Q4 or Q5, or Q6 yes within the past 3 months.</item>
    /// <item>Moderate: yes to Q3, or Q6 yes but not within the past 3 months.</item>
    /// <item>Low: yes to Q1 or Q2 only.</item>
    /// <item>None: every answer no.</item>
    /// </list>
    /// A missing required answer makes the result invalid; the level is then reported only if the answers
    /// given already make it High.
    /// </summary>
    public static MeasureResult ScoreCssrsScreener(CssrsScreenerAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var definition = InstrumentCatalog.CssrsScreener;
        var responses = answers.ToResponses();

        var missing = new List<int>();
        var ignored = new List<int>();
        foreach (var item in definition.Items)
        {
            var condition = item.AskedWhen;
            var gate = condition is null ? null : responses[condition.ItemNumber - 1];
            var skipped = condition is not null && gate is not null && gate != condition.Value;
            if (skipped)
            {
                if (responses[item.Number - 1] is not null)
                {
                    ignored.Add(item.Number);
                }
            }
            else if (responses[item.Number - 1] is null && (condition is null || gate == condition.Value))
            {
                missing.Add(item.Number);
            }
        }

        // Q3–Q5 count only unless Q2 is an explicit no; the follow-up only unless Q6 is an explicit no. A
        // yes to intent, a plan or recent behaviour is never discarded just because another answer is missing.
        var ideationAsked = answers.Q2SuicidalThoughts != false;
        var q3 = ideationAsked && answers.Q3ThoughtsOfMethod == true;
        var q4 = ideationAsked && answers.Q4Intent == true;
        var q5 = ideationAsked && answers.Q5PlanWithIntent == true;
        var recentBehaviour = answers.Q6SuicidalBehaviour != false && answers.Q6WithinPast3Months == true;
        var olderBehaviour = answers.Q6SuicidalBehaviour == true && answers.Q6WithinPast3Months == false;
        var high = q4 || q5 || recentBehaviour;

        CssrsRisk? risk;
        if (missing.Count > 0)
        {
            risk = high ? CssrsRisk.High : null;
        }
        else if (high)
        {
            risk = CssrsRisk.High;
        }
        else if (q3 || olderBehaviour)
        {
            risk = CssrsRisk.Moderate;
        }
        else if (answers.Q1WishToBeDead == true || answers.Q2SuicidalThoughts == true)
        {
            risk = CssrsRisk.Low;
        }
        else
        {
            risk = CssrsRisk.None;
        }

        var messages = new List<string>();
        if (missing.Count > 0)
        {
            messages.Add($"Unanswered: {Describe(definition, missing)}. The screen is incomplete; ask the missing question(s) — a risk level is not given from a partial screen unless it is already high.");
        }

        if (ignored.Count > 0)
        {
            messages.Add($"Ignored by the skip logic (not to be asked after a no): {Describe(definition, ignored)}.");
        }

        if (risk is { } level)
        {
            messages.Add($"{level.Describe()}: {level.Triage()}");
        }

        // Low and moderate need a behavioural health follow-up (CSSRS-T) but no immediate safety assessment.
        IReadOnlyList<string> followUps = risk is CssrsRisk.Low or CssrsRisk.Moderate ? [$"C-SSRS screener: {risk.Value.Describe().ToLower(CultureInfo.InvariantCulture)}. {risk.Value.Triage()}"] : [];
        return new MeasureResult(Instrument.CssrsScreener)
        {
            IsValid = missing.Count == 0,
            MissingItems = missing,
            CssrsRisk = risk,
            SuicideRiskAlert = risk == CssrsRisk.High,
            FollowUpReasons = followUps,
            Messages = messages,
        };
    }

    /// <summary>Throws when the response set is malformed for the instrument; see the class remarks.</summary>
    internal static void EnsureWellFormed(InstrumentDefinition definition, IReadOnlyList<int?>? responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count != definition.ItemCount)
        {
            throw new ArgumentException($"A {definition.ShortName} has {definition.ItemCount} items; got {responses.Count} responses.", nameof(responses));
        }

        var check = CheckResponses(definition, responses);
        if (!check.IsSuccess)
        {
            throw new ArgumentOutOfRangeException(nameof(responses), string.Join(" ", check.Problems));
        }
    }

    private static DomainResult CheckResponses(InstrumentDefinition definition, IReadOnlyList<int?>? responses)
    {
        if (responses is null)
        {
            return DomainResult.Fail($"No {definition.ShortName} responses were given.");
        }

        if (responses.Count != definition.ItemCount)
        {
            return DomainResult.Fail($"A {definition.ShortName} has {definition.ItemCount} items; got {responses.Count} responses.");
        }

        var problems = new List<string>();
        foreach (var item in definition.Items)
        {
            if (responses[item.Number - 1] is { } value && !item.Allows(value))
            {
                problems.Add($"{definition.ShortName} item {item.Label} must be between {item.Min} and {item.Max}; got {value}.");
            }
        }

        return problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems);
    }

    private static (MeasureResult Result, List<string> Messages) ScoreTotal(InstrumentDefinition definition, IReadOnlyList<int?> responses)
    {
        EnsureWellFormed(definition, responses);
        var missing = definition.Items.Where(item => responses[item.Number - 1] is null).Select(item => item.Number).ToList();
        var messages = new List<string>();
        if (missing.Count > 0)
        {
            messages.Add($"Unanswered: {Describe(definition, missing)}. The {definition.ShortName} total is not calculated — a missing item is never guessed.");
            return (new MeasureResult(definition.Instrument) { IsValid = false, MissingItems = missing }, messages);
        }

        var total = responses.Sum(value => value!.Value);
        var band = definition.BandOf(total);
        if (band is { } b)
        {
            messages.Add($"Total {total}: {b.Describe().ToLower(CultureInfo.InvariantCulture)}.");
        }

        return (new MeasureResult(definition.Instrument) { IsValid = true, Total = total, Band = band }, messages);
    }

    private static int Endorsed(IReadOnlyList<int?> responses, int firstItem, int lastItem) =>
        responses.Skip(firstItem - 1).Take(lastItem - firstItem + 1).Count(value => value >= Pcl5EndorsedAt);

    private static string Describe(InstrumentDefinition definition, IEnumerable<int> items) =>
        string.Join(", ", items.Select(number => "item " + definition.Item(number).Label));
}
