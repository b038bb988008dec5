namespace Kap.Domain.Measures;

/// <summary>
/// Who fills the instrument in. Self-report instruments can later be offered in the patient portal;
/// clinician-rated ones (MADRS) are only ever entered by staff.
/// </summary>
public enum Respondent
{
    SelfReport = 0,
    ClinicianRated = 1,
}

/// <summary>How an item is answered: on a numeric scale, or yes/no (stored as 0 = no, 1 = yes).</summary>
public enum ResponseKind
{
    Scale = 0,
    YesNo = 1,

    /// <summary>Items differ (some scales, some yes/no): read each item's own <see cref="MeasureItem.Options"/>.</summary>
    Mixed = 2,
}

/// <summary>One answer a respondent can give to an item: the stored value and the label shown for it.</summary>
public sealed record ResponseOption(int Value, string Label);

/// <summary>
/// Skip logic: the item is asked only when item <see cref="ItemNumber"/> was answered
/// <see cref="Value"/>. Kept as data so every UI (staff forms now, patient portal later) can show and
/// hide items without re-implementing the instrument's rules.
/// </summary>
public sealed record ItemCondition(int ItemNumber, int Value);

/// <summary>A total-score range that maps to a severity band, inclusive at both ends; charts draw the edges.</summary>
public sealed record BandRange(SeverityBand Band, int Min, int Max)
{
    public bool Contains(int total) => total >= Min && total <= Max;
}

/// <summary>
/// One item of an instrument as its authors publish it, so a form can render it and scoring can check it.
/// </summary>
/// <param name="Number">1-based position in the response set; missing items are reported by this number.</param>
/// <param name="Label">How the item is referred to on the form and in messages ("9", "6 (past 3 months)").</param>
/// <param name="Text">The item's wording (the MADRS gives the item name; the rater uses its rating guide).</param>
/// <param name="RecallPeriod">The period the item asks about.</param>
/// <param name="Options">Every allowed answer, from <paramref name="Min"/> to <paramref name="Max"/>.</param>
/// <param name="AskedWhen">Skip logic; <see langword="null"/> when the item is always asked.</param>
public sealed record MeasureItem(
    int Number,
    string Label,
    string Text,
    string RecallPeriod,
    int Min,
    int Max,
    IReadOnlyList<ResponseOption> Options,
    ItemCondition? AskedWhen = null)
{
    public bool Allows(int value) => value >= Min && value <= Max;
}

/// <summary>
/// Everything a UI needs to present an instrument and everything scoring needs to check a response set.
/// Built once in <see cref="InstrumentCatalog"/>; the texts are the authors' published wording.
/// </summary>
/// <param name="Name">Full name, e.g. "Patient Health Questionnaire-9".</param>
/// <param name="ShortName">"PHQ-9".</param>
/// <param name="Instructions">The instructions and stem shown above the items, including the recall period.</param>
/// <param name="RecallPeriod">The recall period in short ("Over the last 2 weeks", "In the past month").</param>
/// <param name="ResponseOptions">The answers every item shares; empty when the items differ (<see cref="ResponseKind.Mixed"/>).</param>
/// <param name="Bands">Severity bands covering every possible total; empty for instruments without bands.</param>
/// <param name="MinTotal">Lowest possible total; <see langword="null"/> for the C-SSRS screener and the next-day check-in, which have none.</param>
/// <param name="MaxTotal">Highest possible total; <see langword="null"/> for the C-SSRS screener and the next-day check-in.</param>
/// <param name="Source">Authors and terms of use, for the form's footer and docs/clinical-rules.md.</param>
public sealed record InstrumentDefinition(
    Instrument Instrument,
    string Name,
    string ShortName,
    Respondent CompletedBy,
    ResponseKind ResponseKind,
    string Instructions,
    string RecallPeriod,
    IReadOnlyList<MeasureItem> Items,
    IReadOnlyList<ResponseOption> ResponseOptions,
    IReadOnlyList<BandRange> Bands,
    int? MinTotal,
    int? MaxTotal,
    string Source)
{
    public int ItemCount => Items.Count;

    public MeasureItem Item(int number) =>
        number >= 1 && number <= Items.Count
            ? Items[number - 1]
            : throw new ArgumentOutOfRangeException(nameof(number), number, $"{ShortName} has items 1 to {Items.Count}.");

    /// <summary>
    /// Whether the item is asked given the answers so far. An item whose condition depends on an unanswered
    /// item is not yet asked; a form shows it once the condition is met.
    /// </summary>
    public bool IsAsked(int number, IReadOnlyList<int?> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var condition = Item(number).AskedWhen;
        return condition is null
            || (condition.ItemNumber <= responses.Count && responses[condition.ItemNumber - 1] == condition.Value);
    }

    /// <summary>The band a total falls in, or <see langword="null"/> for instruments without bands.</summary>
    public SeverityBand? BandOf(int total)
    {
        if (MinTotal is { } min && MaxTotal is { } max && (total < min || total > max))
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, $"A {ShortName} total is between {min} and {max}.");
        }

        foreach (var band in Bands)
        {
            if (band.Contains(total))
            {
                return band.Band;
            }
        }

        return null;
    }
}
