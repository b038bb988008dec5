namespace Kap.Domain.Measures;

/// <summary>One questionnaire as the trend sees it: when, and its total if the form was complete.</summary>
public sealed record TakenMeasure(DateTime AtUtc, bool IsValid, int? Total, SeverityBand? Band);

/// <summary>A valid score on the trend, with the dose number it followed and whether response/remission held then.</summary>
/// <param name="DoseNumber">How many doses had been given when it was taken (0 = before the first dose).</param>
public sealed record TrendPoint(DateTime AtUtc, int DoseNumber, int Total, SeverityBand? Band, bool IsBaseline, OutcomeAssessment Response, OutcomeAssessment Remission);

/// <summary>
/// An instrument's scores over a course, for the chart and its table (domain.md §6: "plotted against time and dose
/// number, with the band edges drawn"), with the baseline marked and the first points at which response and
/// remission were reached.
/// </summary>
/// <param name="Baseline">The last valid score at or before the first dose (while no dose is given, the latest valid score).</param>
/// <param name="Edges">The lowest total of every band above the first: where the chart draws a line.</param>
/// <param name="CutOff">A reference line that is not a band edge (the PCL-5's probable-PTSD cut-off).</param>
/// <param name="InvalidForms">Incomplete forms of this instrument: kept, never plotted (a missing item makes the total invalid).</param>
public sealed record InstrumentTrend(
    Instrument Instrument,
    IReadOnlyList<TrendPoint> Points,
    TrendPoint? Baseline,
    IReadOnlyList<BandRange> Bands,
    IReadOnlyList<int> Edges,
    int? CutOff,
    TrendPoint? FirstResponse,
    TrendPoint? FirstRemission,
    int InvalidForms)
{
    public TrendPoint? Latest => Points.Count == 0 ? null : Points[^1];

    /// <summary>Response at the latest score (not applicable with no baseline, a baseline of 0, or nothing after it).</summary>
    public OutcomeAssessment LatestResponse => Latest is { IsBaseline: false } latest
        ? latest.Response
        : new(OutcomeStatus.NotApplicable, Baseline is null ? "No valid baseline score, so response cannot be judged." : "No score after the baseline yet.");

    /// <summary>For each dose number reached, the latest score taken after that many doses: the "against dose number" view.</summary>
    public IReadOnlyList<TrendPoint> ByDose => Points.GroupBy(p => p.DoseNumber).OrderBy(g => g.Key).Select(g => g.Last()).ToList();
}

public static class MeasureTrends
{
    /// <summary>
    /// Builds the trend of one instrument from its forms and the times doses were given. Response and remission
    /// use <see cref="TreatmentOutcome"/> (exactly 50 % counts; baseline 0 or missing is not computable).
    /// </summary>
    public static InstrumentTrend Build(Instrument instrument, IEnumerable<TakenMeasure> taken, IEnumerable<DateTime> doseTimes, MeasureSettings? settings = null)
    {
        settings ??= MeasureSettings.Default;
        var definition = InstrumentCatalog.Get(instrument);
        var doses = doseTimes.Order().ToList();
        var forms = taken.OrderBy(t => t.AtUtc).ToList();
        var valid = forms.Where(t => t.IsValid && t.Total is not null).ToList();

        TakenMeasure? baseline = doses.Count == 0
            ? valid.LastOrDefault()
            : valid.LastOrDefault(t => t.AtUtc <= doses[0]);

        var points = valid.Select(t =>
        {
            var isBaseline = ReferenceEquals(t, baseline);
            var doseNumber = doses.Count(d => d < t.AtUtc);
            var response = isBaseline || (baseline is not null && t.AtUtc < baseline.AtUtc)
                ? new OutcomeAssessment(OutcomeStatus.NotApplicable, isBaseline ? "This is the baseline." : "Taken before the baseline.")
                : instrument is Instrument.CssrsScreener or Instrument.NextDayCheckIn
                    ? new OutcomeAssessment(OutcomeStatus.NotApplicable, $"The {(instrument == Instrument.CssrsScreener ? "C-SSRS screener" : "next-day check-in")} has no total, so response does not apply.")
                    : TreatmentOutcome.Response(baseline?.Total, t.Total);
            var remission = TreatmentOutcome.Remission(instrument, t.Total, settings.MadrsRemissionThreshold);
            return new TrendPoint(t.AtUtc, doseNumber, t.Total!.Value, t.Band, isBaseline, response, remission);
        }).ToList();

        var bands = definition.Bands;
        var edges = bands.OrderBy(b => b.Min).Skip(1).Select(b => b.Min).ToList();
        int? cutOff = instrument == Instrument.Pcl5 ? settings.Pcl5ProbablePtsdCutOff : null;
        var afterBaseline = points.Where(p => !p.IsBaseline && (baseline is null || p.AtUtc > baseline.AtUtc)).ToList();
        return new InstrumentTrend(
            instrument,
            points,
            points.FirstOrDefault(p => p.IsBaseline),
            bands,
            edges,
            cutOff,
            afterBaseline.FirstOrDefault(p => p.Response.IsMet),
            afterBaseline.FirstOrDefault(p => p.Remission.IsMet),
            forms.Count - valid.Count);
    }
}
