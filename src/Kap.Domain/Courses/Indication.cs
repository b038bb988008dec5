namespace Kap.Domain.Courses;

/// <summary>What the course treats (domain.md §2). A course may have several.</summary>
[Flags]
public enum Indication
{
    None = 0,
    Depression = 1,
    TreatmentResistantDepression = 2,
    Anxiety = 4,
    Ptsd = 8,
    Trauma = 16,
    SubstanceUse = 32,
    Other = 64,
}

public static class IndicationNames
{
    public static string Describe(this Indication indication) => indication switch
    {
        Indication.Depression => "Depression",
        Indication.TreatmentResistantDepression => "Treatment-resistant depression",
        Indication.Anxiety => "Anxiety",
        Indication.Ptsd => "PTSD",
        Indication.Trauma => "Trauma",
        Indication.SubstanceUse => "Substance use",
        Indication.Other => "Other",
        _ => string.Join(", ", Enum.GetValues<Indication>().Where(i => i != Indication.None && indication.HasFlag(i)).Select(Describe)),
    };
}
