using Kap.Domain.Common;

namespace Kap.Domain.Measures;

/// <summary>
/// The clinic's scoring settings (domain.md §6): where the sources disagree, the number is a setting with
/// the default given there — never a hard-coded constant.
/// </summary>
/// <param name="Pcl5ProbablePtsdCutOff">Probable PTSD at a PCL-5 total at or above this; 31–33, default 33.</param>
/// <param name="MadrsRemissionThreshold">MADRS remission at a total at or below this; 10–12, default 12.</param>
public sealed record MeasureSettings(int Pcl5ProbablePtsdCutOff = MeasureSettings.DefaultPcl5CutOff, int MadrsRemissionThreshold = MeasureSettings.DefaultMadrsRemissionThreshold)
{
    /// <summary>The National Center for PTSD's cut-off range is 31–33; Kap defaults to the top of it.</summary>
    public const int DefaultPcl5CutOff = 33;
    public const int MinPcl5CutOff = 31;
    public const int MaxPcl5CutOff = 33;

    /// <summary>TRANSFORM-3 and most trials use ≤ 12; some studies use ≤ 10 (domain.md §6, T3).</summary>
    public const int DefaultMadrsRemissionThreshold = 12;
    public const int MinMadrsRemissionThreshold = 10;
    public const int MaxMadrsRemissionThreshold = 12;

    public static MeasureSettings Default { get; } = new();

    public DomainResult Validate()
    {
        var problems = new List<string>();
        if (Pcl5ProbablePtsdCutOff is < MinPcl5CutOff or > MaxPcl5CutOff)
        {
            problems.Add($"The PCL-5 probable-PTSD cut-off must be between {MinPcl5CutOff} and {MaxPcl5CutOff}.");
        }

        if (MadrsRemissionThreshold is < MinMadrsRemissionThreshold or > MaxMadrsRemissionThreshold)
        {
            problems.Add($"The MADRS remission threshold must be between {MinMadrsRemissionThreshold} and {MaxMadrsRemissionThreshold}.");
        }

        return problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems);
    }
}
