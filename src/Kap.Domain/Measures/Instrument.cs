namespace Kap.Domain.Measures;

/// <summary>
/// The questionnaires Kap scores: the outcome measures of domain.md §6 and the next-day check-in of §5. Stored as numbers, so the values are explicit and
/// must never be renumbered: a stored 2 has to stay the PCL-5 forever.
/// </summary>
public enum Instrument
{
    Phq9 = 0,
    Gad7 = 1,
    Pcl5 = 2,
    Madrs = 3,
    CssrsScreener = 4,

    /// <summary>
    /// The patient's short form the day after a dosing session (domain.md §5): mood, sleep, side effects and any
    /// thoughts of self-harm. Not an outcome measure: no total, no bands (see <see cref="NextDayCheckInRules"/>).
    /// </summary>
    NextDayCheckIn = 5,
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
        Instrument.NextDayCheckIn => "Next-day check-in",
        _ => throw new ArgumentOutOfRangeException(nameof(instrument), instrument, "Unknown instrument."),
    };
}
