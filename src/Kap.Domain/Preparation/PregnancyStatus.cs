namespace Kap.Domain.Preparation;

/// <summary>
/// Pregnancy status on a medical clearance. Stored as numbers: never renumber. <see cref="Unknown"/> is
/// the state before the NP has asked, and a clearance cannot be signed in it.
/// </summary>
public enum PregnancyStatus
{
    Unknown = 0,
    NotApplicable = 1,
    NotPregnant = 2,
    Pregnant = 3,
    Breastfeeding = 4,
}

public static class PregnancyStatusNames
{
    public static string Describe(this PregnancyStatus status) => status switch
    {
        PregnancyStatus.Unknown => "Unknown",
        PregnancyStatus.NotApplicable => "Not applicable",
        PregnancyStatus.NotPregnant => "Not pregnant",
        PregnancyStatus.Pregnant => "Pregnant",
        PregnancyStatus.Breastfeeding => "Breastfeeding",
        _ => status.ToString(),
    };
}
