namespace Kap.Domain.Measures;

/// <summary>Whether a response or remission criterion holds. Stored as numbers.</summary>
public enum OutcomeStatus
{
    /// <summary>The criterion cannot be judged: a score is missing or invalid, the baseline is 0, or the instrument has no such criterion.</summary>
    NotApplicable = 0,
    NotMet = 1,
    Met = 2,
}

/// <summary>A response or remission judgement with the reason in plain words, for the chart and the course page.</summary>
public sealed record OutcomeAssessment(OutcomeStatus Status, string Explanation)
{
    public bool IsMet => Status == OutcomeStatus.Met;
}

/// <summary>
/// Response and remission (domain.md §6, T3). Response is a drop of at least 50 % from baseline — exactly
/// 50 % counts, and the arithmetic is done in whole numbers so rounding can never move the edge.
/// Remission: PHQ-9 below 5; MADRS at or below the clinic's threshold (default 12, some studies 10).
/// The other instruments have no remission rule in domain.md, so Kap claims none for them.
/// </summary>
public static class TreatmentOutcome
{
    public const int ResponseDropPercent = 50;

    /// <summary>PHQ-9 remission is a total below this (i.e. in the minimal band, 0–4).</summary>
    public const int Phq9RemissionBelow = 5;

    /// <summary>
    /// Response from two totals of the same instrument. A missing baseline or current total, or a baseline
    /// of 0 (nothing to drop from), is not applicable — never a response.
    /// </summary>
    public static OutcomeAssessment Response(int? baselineTotal, int? currentTotal)
    {
        if (baselineTotal < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(baselineTotal), baselineTotal, "A total cannot be negative.");
        }

        if (currentTotal < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(currentTotal), currentTotal, "A total cannot be negative.");
        }

        if (baselineTotal is not { } baseline)
        {
            return new(OutcomeStatus.NotApplicable, "No valid baseline score, so response cannot be judged.");
        }

        if (baseline == 0)
        {
            return new(OutcomeStatus.NotApplicable, "The baseline score is 0, so there is nothing to drop from; response cannot be judged.");
        }

        if (currentTotal is not { } current)
        {
            return new(OutcomeStatus.NotApplicable, "No valid current score, so response cannot be judged.");
        }

        // drop / baseline ≥ 50 %  ⇔  2 × drop ≥ baseline, in integers.
        var drop = baseline - current;
        return 2 * drop >= baseline
            ? new(OutcomeStatus.Met, $"Response: {baseline} → {current}, a drop of at least {ResponseDropPercent} % from baseline.")
            : new(OutcomeStatus.NotMet, $"No response: {baseline} → {current}, less than a {ResponseDropPercent} % drop from baseline (needs {baseline / 2} or lower).");
    }

    /// <summary>Response between two results of the same instrument; an invalid result is not applicable.</summary>
    public static OutcomeAssessment Response(MeasureResult baseline, MeasureResult current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        if (baseline.Instrument != current.Instrument)
        {
            throw new ArgumentException($"Response compares one instrument with itself; got {baseline.Instrument.Describe()} and {current.Instrument.Describe()}.", nameof(current));
        }

        if (baseline.Instrument == Instrument.CssrsScreener)
        {
            return new(OutcomeStatus.NotApplicable, "The C-SSRS screener has no total, so response does not apply.");
        }

        if (baseline.Instrument == Instrument.NextDayCheckIn)
        {
            return new(OutcomeStatus.NotApplicable, "The next-day check-in has no total, so response does not apply.");
        }

        return Response(baseline.IsValid ? baseline.Total : null, current.IsValid ? current.Total : null);
    }

    /// <summary>
    /// Remission for a total: PHQ-9 below 5; MADRS at or below <paramref name="madrsRemissionThreshold"/>
    /// (10–12, default 12). Other instruments, and a missing total, are not applicable.
    /// </summary>
    public static OutcomeAssessment Remission(Instrument instrument, int? total, int madrsRemissionThreshold = MeasureSettings.DefaultMadrsRemissionThreshold)
    {
        if (madrsRemissionThreshold is < MeasureSettings.MinMadrsRemissionThreshold or > MeasureSettings.MaxMadrsRemissionThreshold)
        {
            throw new ArgumentOutOfRangeException(nameof(madrsRemissionThreshold), madrsRemissionThreshold, $"The MADRS remission threshold must be between {MeasureSettings.MinMadrsRemissionThreshold} and {MeasureSettings.MaxMadrsRemissionThreshold} (domain.md §6).");
        }

        var definition = InstrumentCatalog.Get(instrument);
        if (total is { } value && definition.MinTotal is { } min && definition.MaxTotal is { } max && (value < min || value > max))
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, $"A {definition.ShortName} total is between {min} and {max}.");
        }

        switch (instrument)
        {
            case Instrument.Phq9 when total is { } phq:
                return phq < Phq9RemissionBelow
                    ? new(OutcomeStatus.Met, $"Remission: PHQ-9 {phq} is below {Phq9RemissionBelow}.")
                    : new(OutcomeStatus.NotMet, $"No remission: PHQ-9 {phq} is {Phq9RemissionBelow} or more.");
            case Instrument.Madrs when total is { } madrs:
                return madrs <= madrsRemissionThreshold
                    ? new(OutcomeStatus.Met, $"Remission: MADRS {madrs} is at or below {madrsRemissionThreshold}.")
                    : new(OutcomeStatus.NotMet, $"No remission: MADRS {madrs} is above {madrsRemissionThreshold}.");
            case Instrument.Phq9 or Instrument.Madrs:
                return new(OutcomeStatus.NotApplicable, $"No valid {definition.ShortName} score, so remission cannot be judged.");
            default:
                return new(OutcomeStatus.NotApplicable, $"Kap has no remission rule for the {definition.ShortName} (domain.md §6 defines it for PHQ-9 and MADRS only).");
        }
    }

    /// <summary>Remission for a result; an invalid result is not applicable.</summary>
    public static OutcomeAssessment Remission(MeasureResult result, int madrsRemissionThreshold = MeasureSettings.DefaultMadrsRemissionThreshold)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Remission(result.Instrument, result.IsValid ? result.Total : null, madrsRemissionThreshold);
    }
}
