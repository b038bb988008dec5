namespace Kap.Domain.Preparation;

/// <summary>A current medication on a medical clearance, with the interaction flags the NP ticked for it.</summary>
public sealed class ClearanceMedication
{
    private ClearanceMedication()
    {
    }

    public ClearanceMedication(string name, string? dose, MedicationInteraction interactions)
    {
        Name = name.Trim();
        Dose = string.IsNullOrWhiteSpace(dose) ? null : dose.Trim();
        Interactions = interactions;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Free text as the NP writes it ("10 mg at night"): doses of other drugs are not calculated here.</summary>
    public string? Dose { get; private set; }

    public MedicationInteraction Interactions { get; private set; }

    public IEnumerable<MedicationWarning> Warnings =>
        Interactions.Split().Select(i => new MedicationWarning(Name, i, i.Describe(), MedicationInteractionCatalogue.Source));
}
