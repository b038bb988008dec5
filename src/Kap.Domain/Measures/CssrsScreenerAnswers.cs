namespace Kap.Domain.Measures;

/// <summary>
/// The C-SSRS screener's answers, <see langword="null"/> where not (yet) asked or not answered. Named after
/// Columbia's question numbers so the form, the record and domain.md §2 read alike.
/// </summary>
/// <param name="Q1WishToBeDead">Past month: wished to be dead or to go to sleep and not wake up.</param>
/// <param name="Q2SuicidalThoughts">Past month: actual thoughts of killing oneself.</param>
/// <param name="Q3ThoughtsOfMethod">Past month, asked only if Q2 is yes: thinking about how.</param>
/// <param name="Q4Intent">Past month, asked only if Q2 is yes: some intention of acting on the thoughts.</param>
/// <param name="Q5PlanWithIntent">Past month, asked only if Q2 is yes: worked out the details, intends to carry out the plan.</param>
/// <param name="Q6SuicidalBehaviour">Lifetime: done, started or prepared anything to end one's life.</param>
/// <param name="Q6WithinPast3Months">Asked only if Q6 is yes: was it within the past 3 months.</param>
public sealed record CssrsScreenerAnswers(
    bool? Q1WishToBeDead,
    bool? Q2SuicidalThoughts,
    bool? Q3ThoughtsOfMethod,
    bool? Q4Intent,
    bool? Q5PlanWithIntent,
    bool? Q6SuicidalBehaviour,
    bool? Q6WithinPast3Months)
{
    /// <summary>The answers as the instrument's 7-item response set (no = 0, yes = 1), for storage.</summary>
    public IReadOnlyList<int?> ToResponses() =>
        [Code(Q1WishToBeDead), Code(Q2SuicidalThoughts), Code(Q3ThoughtsOfMethod), Code(Q4Intent), Code(Q5PlanWithIntent), Code(Q6SuicidalBehaviour), Code(Q6WithinPast3Months)];

    /// <summary>
    /// Reads a stored 7-item response set. Anything but 0, 1 or <see langword="null"/> is refused with an
    /// <see cref="ArgumentOutOfRangeException"/>, a wrong count with an <see cref="ArgumentException"/>.
    /// </summary>
    public static CssrsScreenerAnswers FromResponses(IReadOnlyList<int?> responses)
    {
        MeasureScoring.EnsureWellFormed(InstrumentCatalog.CssrsScreener, responses);
        return new(Answer(responses[0]), Answer(responses[1]), Answer(responses[2]), Answer(responses[3]), Answer(responses[4]), Answer(responses[5]), Answer(responses[6]));
    }

    private static int? Code(bool? answer) => answer switch
    {
        true => 1,
        false => 0,
        null => null,
    };

    private static bool? Answer(int? code) => code switch
    {
        null => null,
        0 => false,
        _ => true,
    };
}
