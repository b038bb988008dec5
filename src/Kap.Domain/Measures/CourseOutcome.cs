using System.Globalization;

namespace Kap.Domain.Measures;

/// <summary>One stored questionnaire score, as the outcome arithmetic needs it. Invalid (incomplete) forms may be passed: they are skipped.</summary>
public sealed record ScoredMeasure(Instrument Instrument, DateTime TakenAtUtc, bool IsValid, int? Total)
{
    public bool Counts => IsValid && Total is not null;
}

/// <summary>Why a course has no baseline→end pair for an instrument. Stored nowhere; the order is the order the checks are made in.</summary>
public enum OutcomeGap
{
    /// <summary>A pair exists: change, response and remission are computed.</summary>
    None = 0,

    /// <summary>No valid score of the instrument at all (never taken, or only incomplete forms).</summary>
    NotRecorded = 1,

    /// <summary>No dose has been given, so there is no "before" and "after" yet.</summary>
    NoDose = 2,

    /// <summary>Valid scores exist, but none on or before the first dose.</summary>
    NoBaseline = 3,

    /// <summary>A baseline exists, but no valid score after the first dose (up to the end of the course).</summary>
    NoEnd = 4,

    /// <summary>The baseline is 0: there is nothing to drop from, so response cannot be judged.</summary>
    BaselineZero = 5,
}

/// <summary>
/// One instrument's outcome over a course: the baseline and end scores it was computed from, the change
/// (end − baseline), and response and remission as <see cref="TreatmentOutcome"/> judges them, each with its
/// explanation. When <see cref="Gap"/> is not <see cref="OutcomeGap.None"/>, <see cref="GapText"/> says why in words.
/// </summary>
public sealed record InstrumentOutcome(
    Instrument Instrument,
    ScoredMeasure? Baseline,
    ScoredMeasure? End,
    int? Change,
    OutcomeAssessment Response,
    OutcomeAssessment Remission,
    OutcomeGap Gap,
    string? GapText)
{
    /// <summary>A baseline above 0 and an end score: the course counts in the denominators of the clinic report.</summary>
    public bool IsComputable => Gap == OutcomeGap.None;

    /// <summary>Whether domain.md §6 defines remission for the instrument (PHQ-9, MADRS).</summary>
    public bool HasRemissionRule => CourseOutcome.HasRemissionRule(Instrument);
}

/// <summary>
/// The per-instrument arithmetic of a course's outcome (domain.md §5, §6), shared by the course summary and the
/// clinic outcomes report so they can never disagree.
/// <list type="bullet">
/// <item><b>Baseline</b>: the last valid score taken on or before the first dose — the same cut as the measure
/// schedule's "Baseline" point (<see cref="MeasureSchedule"/>). With no dose yet, the last valid score so far (what the
/// baseline would be if dosing started now); the outcome is then not computable.</item>
/// <item><b>End</b>: the latest valid score taken after the first dose and at or before the course closed (completed or
/// discontinued), or the latest so far while it is open. A follow-up taken after completion is not the end score.</item>
/// <item><b>Change</b>: end − baseline (negative = fewer symptoms).</item>
/// <item><b>Response and remission</b>: <see cref="TreatmentOutcome"/>, only on a computable pair (a baseline above 0 and an
/// end score); otherwise "not computable" with the reason. A score without a baseline says nothing about a change.</item>
/// </list>
/// Invalid (incomplete) forms are skipped throughout: "store it, never guess" (domain.md §6).
/// </summary>
public static class CourseOutcome
{
    /// <summary>The instruments with a total that outcomes are reported for, in the order they are shown.</summary>
    public static IReadOnlyList<Instrument> Instruments { get; } = [Instrument.Phq9, Instrument.Gad7, Instrument.Pcl5, Instrument.Madrs];

    public static bool HasRemissionRule(Instrument instrument) => instrument is Instrument.Phq9 or Instrument.Madrs;

    /// <summary>The baseline score of <paramref name="instrument"/>: the last valid one on or before <paramref name="firstDoseUtc"/> (any, with no dose).</summary>
    public static ScoredMeasure? Baseline(IEnumerable<ScoredMeasure> scores, Instrument instrument, DateTime? firstDoseUtc) =>
        Valid(scores, instrument).LastOrDefault(s => firstDoseUtc is not { } dose || s.TakenAtUtc <= dose);

    /// <summary>
    /// The end score of <paramref name="instrument"/>: the latest valid one after <paramref name="firstDoseUtc"/> and at or before
    /// <paramref name="closedAtUtc"/> (no upper bound while the course is open). None without a dose.
    /// </summary>
    public static ScoredMeasure? End(IEnumerable<ScoredMeasure> scores, Instrument instrument, DateTime? firstDoseUtc, DateTime? closedAtUtc) =>
        firstDoseUtc is not { } dose
            ? null
            : Valid(scores, instrument).LastOrDefault(s => s.TakenAtUtc > dose && (closedAtUtc is not { } closed || s.TakenAtUtc <= closed));

    /// <summary>The outcome of one instrument over a course.</summary>
    /// <param name="scores">The course's scores (any instruments, valid or not, any order).</param>
    /// <param name="firstDoseUtc">When the first dose of the course was given; null if none yet.</param>
    /// <param name="closedAtUtc">When the course was completed or discontinued; null while it is open.</param>
    /// <param name="madrsRemissionThreshold">The clinic's MADRS remission threshold (10–12, default 12).</param>
    public static InstrumentOutcome For(Instrument instrument, IEnumerable<ScoredMeasure> scores, DateTime? firstDoseUtc, DateTime? closedAtUtc,
        int madrsRemissionThreshold = MeasureSettings.DefaultMadrsRemissionThreshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (!Instruments.Contains(instrument))
        {
            throw new ArgumentOutOfRangeException(nameof(instrument), instrument, $"The {instrument.Describe()} has no total, so it has no outcome.");
        }

        var list = scores as IReadOnlyCollection<ScoredMeasure> ?? [.. scores];
        var name = instrument.Describe();
        var anyValid = Valid(list, instrument).Any();
        var baseline = Baseline(list, instrument, firstDoseUtc);
        var end = End(list, instrument, firstDoseUtc, closedAtUtc);

        (OutcomeGap Gap, string? Text) result = (anyValid, firstDoseUtc, baseline, end) switch
        {
            (false, _, _, _) => (OutcomeGap.NotRecorded, $"Not computable: no valid {name} recorded."),
            (_, null, _, _) => (OutcomeGap.NoDose, "Not computable yet: no dose has been given, so there is no end score to compare with the baseline."),
            (_, _, null, _) => (OutcomeGap.NoBaseline, $"Not computable: no baseline (no valid {name} on or before the first dose)."),
            (_, _, _, null) => (OutcomeGap.NoEnd, $"Not computable: no end score (no valid {name} after the first dose{(closedAtUtc is null ? "" : " and before the course closed")})."),
            (_, _, { Total: 0 }, _) => (OutcomeGap.BaselineZero, "Not computable: the baseline is 0, so there is nothing to drop from."),
            _ => (OutcomeGap.None, null),
        };
        var (gap, gapText) = result;

        int? change = baseline?.Total is { } b && end?.Total is { } e ? e - b : null;
        var response = TreatmentOutcome.Response(baseline?.Total, end?.Total);
        OutcomeAssessment remission;
        if (!HasRemissionRule(instrument))
        {
            remission = TreatmentOutcome.Remission(instrument, end?.Total, madrsRemissionThreshold);
        }
        else if (gap == OutcomeGap.None)
        {
            remission = TreatmentOutcome.Remission(instrument, end!.Total, madrsRemissionThreshold);
        }
        else
        {
            remission = new OutcomeAssessment(OutcomeStatus.NotApplicable, gapText!);
        }

        return new InstrumentOutcome(instrument, baseline, end, change, response, remission, gap, gapText);
    }

    /// <summary>The outcome of each reportable instrument (PHQ-9, GAD-7, PCL-5, MADRS), in that order.</summary>
    public static IReadOnlyList<InstrumentOutcome> ForCourse(IEnumerable<ScoredMeasure> scores, DateTime? firstDoseUtc, DateTime? closedAtUtc,
        int madrsRemissionThreshold = MeasureSettings.DefaultMadrsRemissionThreshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var list = scores as IReadOnlyCollection<ScoredMeasure> ?? [.. scores];
        return [.. Instruments.Select(i => For(i, list, firstDoseUtc, closedAtUtc, madrsRemissionThreshold))];
    }

    private static IEnumerable<ScoredMeasure> Valid(IEnumerable<ScoredMeasure> scores, Instrument instrument) =>
        scores.Where(s => s.Instrument == instrument && s.Counts).OrderBy(s => s.TakenAtUtc);
}

/// <summary>Aggregates for the clinic outcomes report: a count out of a denominator, and the median.</summary>
public static class OutcomeStatistics
{
    /// <summary>
    /// The median of <paramref name="values"/>; of an even count, the mean of the two middle values. Null when there are none.
    /// </summary>
    public static decimal? Median(IEnumerable<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2m;
    }

    /// <summary>The whole percentage of <paramref name="count"/> in <paramref name="of"/>, half away from zero; null for an empty denominator.</summary>
    public static int? Percent(int count, int of)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(of);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, of);
        return of == 0 ? null : (int)Math.Round(100m * count / of, MidpointRounding.AwayFromZero);
    }

    /// <summary>"7 of 12 (58 %)": every rate with the counts behind it; "0 of 0 (no computable pair)" when there is nothing to divide by.</summary>
    public static string Describe(int count, int of) =>
        Percent(count, of) is { } percent
            ? string.Create(CultureInfo.InvariantCulture, $"{count} of {of} ({percent} %)")
            : string.Create(CultureInfo.InvariantCulture, $"{count} of {of} (no computable pair)");

    /// <summary>A change with its sign ("-6.5", "+2", "0"); "—" when there is none.</summary>
    public static string DescribeChange(decimal? change) => change switch
    {
        null => "—",
        > 0 => "+" + change.Value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => change.Value.ToString("0.#", CultureInfo.InvariantCulture),
    };
}
