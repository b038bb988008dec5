namespace Kap.Domain.Dosing;

/// <summary>The sedation class of a MOAA/S reading against baseline. Stored as numbers: never renumber.</summary>
public enum SedationLevel
{
    None = 0,

    /// <summary>Any drop from the baseline MOAA/S [S: MOAA, SPV-LBL].</summary>
    Sedation = 1,

    /// <summary>MOAA/S 0, no response: an adverse event [S: MOAA, SPV-LBL].</summary>
    LossOfConsciousness = 2,
}

/// <summary>
/// MOAA/S sedation (domain.md §4): 5 = responds readily to name in a normal tone; 4 lethargic; 3 only to
/// loud or repeated name; 2 only to mild prodding; 1 only to a painful trapezius squeeze; 0 no response.
/// </summary>
public static class Sedation
{
    public const int MinScore = 0;
    public const int MaxScore = 5;

    /// <summary>0 is always loss of consciousness, even from a baseline of 0; otherwise any drop is sedation.</summary>
    public static SedationLevel Classify(int baselineMoaas, int current)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baselineMoaas, MinScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(baselineMoaas, MaxScore);
        ArgumentOutOfRangeException.ThrowIfLessThan(current, MinScore);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(current, MaxScore);
        if (current == 0)
        {
            return SedationLevel.LossOfConsciousness;
        }

        return current < baselineMoaas ? SedationLevel.Sedation : SedationLevel.None;
    }

    /// <summary>Loss of consciousness must be recorded as an adverse event.</summary>
    public static bool IsAdverseEvent(this SedationLevel level) => level == SedationLevel.LossOfConsciousness;
}
