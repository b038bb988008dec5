namespace Kap.Domain.Preparation;

/// <summary>
/// Interaction flags of a current medication (domain.md §2, medication flags). A medication can carry
/// several (a stimulant that also inhibits CYP3A4), hence flags. Stored as numbers: never renumber.
/// These are shown to the prescriber and monitored; they never block signing or dosing.
/// </summary>
[Flags]
public enum MedicationInteraction
{
    None = 0,
    Benzodiazepine = 1,
    NonBenzodiazepineHypnotic = 2,
    Psychostimulant = 4,
    Maoi = 8,
    Cyp2b6Or3a4Modulator = 16,
    Lamotrigine = 32,
}

/// <summary>One warning for the prescriber: which medication, which interaction, and what it means.</summary>
public sealed record MedicationWarning(string MedicationName, MedicationInteraction Interaction, string Text, string Source);

public static class MedicationInteractionCatalogue
{
    /// <summary>domain.md cites the medication flags as one group: [S/S2: AND17b, BZD, JNJ-MAOI, PMF].</summary>
    public const string Source = "AND17b, BZD, JNJ-MAOI, PMF";

    /// <summary>Every single flag, in display order (without <see cref="MedicationInteraction.None"/>).</summary>
    public static IReadOnlyList<MedicationInteraction> All { get; } =
        Enum.GetValues<MedicationInteraction>().Where(i => i != MedicationInteraction.None).ToArray();

    /// <summary>
    /// The wording is domain.md's. Lamotrigine says only that its effect is unknown: domain.md forbids
    /// claiming more, and no other line adds effects domain.md does not state.
    /// </summary>
    public static string Describe(this MedicationInteraction interaction) => interaction switch
    {
        MedicationInteraction.Benzodiazepine =>
            "Benzodiazepine: may blunt the response to ketamine; more than 8 mg diazepam-equivalent has been linked to non-response.",
        MedicationInteraction.NonBenzodiazepineHypnotic =>
            "Non-benzodiazepine hypnotic: review before dosing.",
        MedicationInteraction.Psychostimulant =>
            "Psychostimulant: raises blood pressure. Monitor closely.",
        MedicationInteraction.Maoi =>
            "MAOI: raises blood pressure. Monitor closely.",
        MedicationInteraction.Cyp2b6Or3a4Modulator =>
            "CYP2B6/CYP3A4 inducer or inhibitor: review before dosing.",
        MedicationInteraction.Lamotrigine =>
            "Lamotrigine: its effect is unknown.",
        _ => string.Join(" ", All.Where(i => interaction.HasFlag(i)).Select(Describe)),
    };

    /// <summary>Never true: medication flags are monitored, not blocking (domain.md §2).</summary>
    public static bool Blocks(this MedicationInteraction interaction) => false;

    /// <summary>Each single flag set on <paramref name="interactions"/>.</summary>
    public static IEnumerable<MedicationInteraction> Split(this MedicationInteraction interactions) =>
        All.Where(i => interactions.HasFlag(i));
}
