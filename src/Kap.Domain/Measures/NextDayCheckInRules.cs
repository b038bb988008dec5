using System.Globalization;
using Kap.Domain.Scheduling;

namespace Kap.Domain.Measures;

/// <summary>
/// The rules of the next-day check-in (domain.md §5: "a short patient form (mood, sleep, side effects, any thoughts of
/// self-harm); a concerning answer alerts the therapist"). Two tiers of concern, because they ask for different things:
/// <list type="bullet">
/// <item><b>Risk alert</b> — "yes" to thoughts of harming oneself or of being better off dead since the session. Treated
/// exactly like PHQ-9 item 9 above 0: the therapist is alerted at once (inbox and email), it stays on the caseload's risk
/// alerts, and dosing is blocked until a clinician records a risk assessment. The patient sees the crisis contacts at once.</item>
/// <item><b>Follow-up</b> — a very low mood (the lowest of the five points), or any side effect rated severe the day after.
/// The therapist is told to get in touch, but no risk assessment is required and dosing is not blocked: low mood is what
/// the course treats, and by the next day ketamine's dissociation, nausea and dizziness have normally passed (within about
/// 2 hours of dosing, T2), so a severe one is worth a call — not, on its own, a suicide-risk finding.</item>
/// </list>
/// The check-in opens at the start of the patient's next local day after discharge (it asks about "last night" and
/// "today") and closes a clinic-set number of hours after discharge (default 48), by when the integration session
/// (booked within 72 h) takes over.
/// </summary>
public static class NextDayCheckInRules
{
    public const int MoodItem = 1;
    public const int SleepItem = 2;
    public const int FirstSideEffectItem = 3;
    public const int LastSideEffectItem = 6;
    public const int SelfHarmItem = 7;

    /// <summary>Mood "Very low": the therapist is asked to follow up.</summary>
    public const int VeryLowMood = 0;

    /// <summary>A side effect rated "Severe" the day after: the therapist is asked to follow up.</summary>
    public const int SevereSideEffect = 3;

    /// <summary>How long after discharge the check-in stays open, by default.</summary>
    public const int DefaultClosesAfterHours = 48;

    /// <summary>
    /// Scores a check-in: never a total or a band. Every item is required; a missing one makes the form invalid (stored,
    /// never guessed). A "yes" to self-harm alerts even when other items are missing, as PHQ-9 item 9 does.
    /// </summary>
    public static MeasureResult Score(IReadOnlyList<int?> responses)
    {
        var definition = InstrumentCatalog.NextDayCheckIn;
        MeasureScoring.EnsureWellFormed(definition, responses);
        var missing = definition.Items.Where(i => responses[i.Number - 1] is null).Select(i => i.Number).ToList();
        var selfHarm = responses[SelfHarmItem - 1] == 1;
        var messages = new List<string>();
        if (missing.Count > 0)
        {
            messages.Add($"Unanswered: {string.Join(", ", missing.Select(n => "item " + definition.Item(n).Label))}. The check-in is incomplete.");
        }

        if (selfHarm)
        {
            messages.Add("Thoughts of harming themselves or of being better off dead since the session: suicide-risk alert. Complete a C-SSRS screener now; dosing is blocked until a clinician records a risk assessment.");
        }
        else if (responses[SelfHarmItem - 1] is null)
        {
            messages.Add("The self-harm question is unanswered: ask it before relying on this check-in.");
        }

        var followUps = FollowUpReasons(responses);
        messages.AddRange(followUps);
        return new MeasureResult(Instrument.NextDayCheckIn)
        {
            IsValid = missing.Count == 0,
            MissingItems = missing,
            SuicideRiskAlert = selfHarm,
            PromptCssrs = selfHarm,
            FollowUpReasons = followUps,
            Messages = messages,
        };
    }

    /// <summary>The answers that ask the therapist to follow up without a risk assessment: a very low mood, a severe side effect.</summary>
    public static IReadOnlyList<string> FollowUpReasons(IReadOnlyList<int?> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var definition = InstrumentCatalog.NextDayCheckIn;
        var reasons = new List<string>();
        if (Answer(responses, MoodItem) == VeryLowMood)
        {
            reasons.Add("Mood today: very low.");
        }

        for (var item = FirstSideEffectItem; item <= LastSideEffectItem; item++)
        {
            if (Answer(responses, item) == SevereSideEffect)
            {
                reasons.Add($"Severe the day after the session: {definition.Item(item).Text.ToLower(CultureInfo.InvariantCulture)}.");
            }
        }

        return reasons;
    }

    /// <summary>
    /// The check-in in one line for the clinician's list: "Mood low · Slept well · Side effects: headache (mild) · Self-harm
    /// thoughts: no". Unanswered items read "not answered".
    /// </summary>
    public static string Summarize(IReadOnlyList<int?> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var definition = InstrumentCatalog.NextDayCheckIn;
        string Label(int item) => Answer(responses, item) is { } v
            ? definition.Item(item).Options.Single(o => o.Value == v).Label.ToLower(CultureInfo.InvariantCulture)
            : "not answered";

        var effects = Enumerable.Range(FirstSideEffectItem, LastSideEffectItem - FirstSideEffectItem + 1)
            .Where(i => Answer(responses, i) is null or > 0)
            .Select(i => $"{ShortEffect(i)} ({Label(i)})")
            .ToList();
        var selfHarm = Answer(responses, SelfHarmItem) switch
        {
            1 => "YES",
            0 => "no",
            _ => "not answered",
        };
        return $"Mood {Label(MoodItem)} · Slept {Label(SleepItem)} · Side effects: {(effects.Count == 0 ? "none" : string.Join(", ", effects))} · Self-harm thoughts: {selfHarm}";
    }

    /// <summary>When the check-in after a discharge is open: from the start of the patient's next local day until <paramref name="closesAfterHours"/> after discharge.</summary>
    public static (DateTime OpensUtc, DateTime ClosesUtc) Window(DateTime dischargedUtc, TimeZoneInfo patientZone, int closesAfterHours = DefaultClosesAfterHours)
    {
        ArgumentNullException.ThrowIfNull(patientZone);
        var nextDay = WallClock.ToLocal(dischargedUtc, patientZone).Date.AddDays(1);
        return (WallClock.ToUtc(nextDay, patientZone), dischargedUtc.AddHours(closesAfterHours));
    }

    /// <summary>
    /// Whether the check-in after <paramref name="dischargedUtc"/> is due now: its window is open and no check-in has been
    /// recorded since the discharge.
    /// </summary>
    public static bool IsDue(DateTime dischargedUtc, TimeZoneInfo patientZone, DateTime? lastCheckInUtc, DateTime nowUtc, int closesAfterHours = DefaultClosesAfterHours)
    {
        var (opens, closes) = Window(dischargedUtc, patientZone, closesAfterHours);
        return nowUtc >= opens && nowUtc < closes && !(lastCheckInUtc >= dischargedUtc);
    }

    private static int? Answer(IReadOnlyList<int?> responses, int item) => item <= responses.Count ? responses[item - 1] : null;

    private static string ShortEffect(int item) => item switch
    {
        3 => "nausea",
        4 => "headache",
        5 => "dizziness",
        6 => "feeling disconnected",
        _ => "item " + item.ToString(CultureInfo.InvariantCulture),
    };
}
