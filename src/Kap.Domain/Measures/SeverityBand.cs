namespace Kap.Domain.Measures;

/// <summary>
/// A severity band of a total score (domain.md §6). One enum for every banded instrument so charts can
/// colour bands alike; each instrument uses only its own bands (MADRS starts at <see cref="Absent"/>,
/// PHQ-9 and GAD-7 at <see cref="Minimal"/>, only PHQ-9 has <see cref="ModeratelySevere"/>). Stored as
/// numbers, so the values are explicit and ordered from least to most severe.
/// </summary>
public enum SeverityBand
{
    Absent = 0,
    Minimal = 1,
    Mild = 2,
    Moderate = 3,
    ModeratelySevere = 4,
    Severe = 5,
}

public static class SeverityBandNames
{
    /// <summary>The wording of the instruments' own scoring guides, for display.</summary>
    public static string Describe(this SeverityBand band) => band switch
    {
        SeverityBand.Absent => "Absent",
        SeverityBand.Minimal => "Minimal",
        SeverityBand.Mild => "Mild",
        SeverityBand.Moderate => "Moderate",
        SeverityBand.ModeratelySevere => "Moderately severe",
        SeverityBand.Severe => "Severe",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown severity band."),
    };
}
