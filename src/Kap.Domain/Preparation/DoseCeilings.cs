using Kap.Domain.Common;

namespace Kap.Domain.Preparation;

/// <summary>
/// The clinic's dose ceilings and IV infusion settings (domain.md §3). Above a ceiling a dose plan needs
/// the prescriber's signed override; the anaesthetic range beyond it is refused regardless (see
/// <see cref="AnaestheticRange"/>), so a ceiling can never be set at or above it.
/// </summary>
public sealed record DoseCeilings
{
    public static DoseCeilings Default { get; } = new();

    /// <summary>IV ceiling, default 0.75 mg/kg [S2: AND17].</summary>
    public decimal IntravenousMgPerKg { get; init; } = 0.75m;

    /// <summary>IM ceiling, default 2.0 mg/kg [S: KRU].</summary>
    public decimal IntramuscularMgPerKg { get; init; } = 2.0m;

    /// <summary>Sublingual/oral ceiling for a mg/kg order, default 7 mg/kg [S2: AND19].</summary>
    public decimal SublingualMgPerKg { get; init; } = 7m;

    /// <summary>Sublingual/oral ceiling for a fixed order, default 400 mg [C: CTP].</summary>
    public decimal SublingualFixedMg { get; init; } = 400m;

    /// <summary>
    /// Intranasal racemic ceiling for a fixed order. domain.md states no ceiling, only a typical ≈ 50 mg
    /// [S2: LAP]; the default of 100 mg (twice the typical dose) is Kap's choice [U], for the clinic to set.
    /// </summary>
    public decimal IntranasalRacemicFixedMg { get; init; } = 100m;

    /// <summary>
    /// Intranasal racemic ceiling for a mg/kg order. No source states one; the default of 1.0 mg/kg is
    /// Kap's choice [U], for the clinic to set.
    /// </summary>
    public decimal IntranasalRacemicMgPerKg { get; init; } = 1.0m;

    /// <summary>
    /// The shortest IV infusion accepted, default 40 minutes: domain.md's standard infusion time, because
    /// fast injection is dangerous [S: KET-UK; S2: AND17].
    /// </summary>
    public int MinimumInfusionMinutes { get; init; } = 40;

    /// <summary>What the dose-plan form pre-fills for an IV infusion, default 40 minutes.</summary>
    public int DefaultInfusionMinutes { get; init; } = 40;

    /// <summary>The ceiling for a route and basis; null where the route is not ordered that way (esketamine has labelled doses instead).</summary>
    public decimal? For(Route route, DoseBasis basis) => (route, basis) switch
    {
        (Route.IntravenousInfusion, DoseBasis.MgPerKg) => IntravenousMgPerKg,
        (Route.Intramuscular, DoseBasis.MgPerKg) => IntramuscularMgPerKg,
        (Route.SublingualOral, DoseBasis.MgPerKg) => SublingualMgPerKg,
        (Route.SublingualOral, DoseBasis.FixedMg) => SublingualFixedMg,
        (Route.IntranasalRacemic, DoseBasis.MgPerKg) => IntranasalRacemicMgPerKg,
        (Route.IntranasalRacemic, DoseBasis.FixedMg) => IntranasalRacemicFixedMg,
        _ => null,
    };

    /// <summary>Checks settings an administrator enters: positive, below the anaesthetic range, a sensible infusion minimum.</summary>
    public DomainResult Validate()
    {
        var problems = new List<string>();
        Positive(problems, IntravenousMgPerKg, "The IV ceiling");
        Positive(problems, IntramuscularMgPerKg, "The IM ceiling");
        Positive(problems, SublingualMgPerKg, "The sublingual/oral mg/kg ceiling");
        Positive(problems, SublingualFixedMg, "The sublingual/oral fixed ceiling");
        Positive(problems, IntranasalRacemicMgPerKg, "The intranasal mg/kg ceiling");
        Positive(problems, IntranasalRacemicFixedMg, "The intranasal fixed ceiling");
        if (IntravenousMgPerKg >= AnaestheticRange.IntravenousMgPerKg)
        {
            problems.Add($"The IV ceiling must be below the anaesthetic range ({DoseFormat.Number(AnaestheticRange.IntravenousMgPerKg)} mg/kg).");
        }

        if (IntramuscularMgPerKg >= AnaestheticRange.IntramuscularMgPerKg)
        {
            problems.Add($"The IM ceiling must be below the anaesthetic range ({DoseFormat.Number(AnaestheticRange.IntramuscularMgPerKg)} mg/kg).");
        }

        if (MinimumInfusionMinutes < 1)
        {
            problems.Add("The minimum IV infusion time must be at least 1 minute.");
        }

        if (DefaultInfusionMinutes < MinimumInfusionMinutes)
        {
            problems.Add("The default IV infusion time cannot be shorter than the minimum.");
        }

        return problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems);
    }

    private static void Positive(List<string> problems, decimal value, string name)
    {
        if (value <= 0)
        {
            problems.Add($"{name} must be more than 0.");
        }
    }
}
