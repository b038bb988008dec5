namespace Kap.Domain.Dosing;

/// <summary>What a vitals entry raises. Both can hold at once. Stored as numbers: never renumber.</summary>
[Flags]
public enum VitalsAlert
{
    None = 0,

    /// <summary>BP ≥ 180 systolic or ≥ 110 diastolic: shown to everyone on the session screen and the NP notified [S2: SPV-LBL, DELSANT].</summary>
    SevereBloodPressure = 1,

    /// <summary>SpO₂ under 92 % [U].</summary>
    LowOxygenSaturation = 2,
}

/// <summary>
/// The monitoring alert tiers (domain.md §4). Fixed numbers rather than clinic settings: domain.md gives
/// them as the tiers, not as defaults.
/// </summary>
public static class AlertTiers
{
    /// <summary>Severe at 180 systolic or more [S2: SPV-LBL, DELSANT].</summary>
    public const int SevereSystolic = 180;

    /// <summary>Severe at 110 diastolic or more [S2: SPV-LBL, DELSANT].</summary>
    public const int SevereDiastolic = 110;

    /// <summary>An alert under 92 % [U]; 92 itself is acceptable.</summary>
    public const int LowSpO2Below = 92;

    public static VitalsAlert Classify(VitalSigns vitals)
    {
        ArgumentNullException.ThrowIfNull(vitals);
        var alert = VitalsAlert.None;
        if (vitals.Systolic >= SevereSystolic || vitals.Diastolic >= SevereDiastolic)
        {
            alert |= VitalsAlert.SevereBloodPressure;
        }

        if (vitals.SpO2 < LowSpO2Below)
        {
            alert |= VitalsAlert.LowOxygenSaturation;
        }

        return alert;
    }
}
