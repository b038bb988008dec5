namespace Kap.Domain.Measures;

/// <summary>
/// The outcome measures Kap scores (domain.md §6). Stored as numbers, so the values are explicit and
/// must never be renumbered: a stored 2 has to stay the PCL-5 forever.
/// </summary>
public enum Instrument
{
    Phq9 = 0,
    Gad7 = 1,
    Pcl5 = 2,
    Madrs = 3,
    CssrsScreener = 4,
}

public static class InstrumentNames
{
    /// <summary>The short name clinicians use on forms, charts and in messages.</summary>
    public static string Describe(this Instrument instrument) => instrument switch
    {
        Instrument.Phq9 => "PHQ-9",
        Instrument.Gad7 => "GAD-7",
        Instrument.Pcl5 => "PCL-5",
        Instrument.Madrs => "MADRS",
        Instrument.CssrsScreener => "C-SSRS screener",
        _ => throw new ArgumentOutOfRangeException(nameof(instrument), instrument, "Unknown instrument."),
    };
}
