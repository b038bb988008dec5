namespace Kap.Domain.Preparation;

/// <summary>
/// Doses in the anaesthetic range are refused outright, with no override (domain.md §3, [S: KET]). These
/// are label facts, not clinic settings, so they are constants; domain.md states them for IV and IM only.
/// </summary>
public static class AnaestheticRange
{
    public const decimal IntravenousMgPerKg = 1.0m;
    public const decimal IntramuscularMgPerKg = 6.5m;

    /// <summary>The mg/kg at and above which the route is anaesthetic; null where none is stated.</summary>
    public static decimal? ThresholdMgPerKg(Route route) => route switch
    {
        Route.IntravenousInfusion => IntravenousMgPerKg,
        Route.Intramuscular => IntramuscularMgPerKg,
        _ => null,
    };

    public static bool IsAnaesthetic(Route route, decimal mgPerKg) =>
        ThresholdMgPerKg(route) is { } threshold && mgPerKg >= threshold;

    internal static string Refusal(Route route, decimal mgPerKg, string what = "") =>
        $"{route.Describe()} {DoseFormat.Number(mgPerKg)} mg/kg{what} is in the anaesthetic range ({DoseFormat.Number(ThresholdMgPerKg(route)!.Value)} mg/kg or more) and is refused; no override allows it.";
}

/// <summary>Esketamine nasal spray as labelled [S: SPV-HCP]: 28 mg devices, 5 minutes apart, 56 or 84 mg a session.</summary>
public static class Esketamine
{
    public const decimal DeviceMg = 28m;
    public const int MinutesBetweenDevices = 5;

    public static IReadOnlyList<decimal> AllowedDosesMg { get; } = [56m, 84m];

    public static decimal MaximumMg => AllowedDosesMg[^1];

    public static bool IsAllowedDose(decimal mg) => AllowedDosesMg.Contains(mg);

    /// <summary>How many devices a dose takes (56 mg → 2, 84 mg → 3).</summary>
    public static int Devices(decimal mg) => (int)Math.Ceiling(mg / DeviceMg);

    internal static string Refusal(decimal mg) =>
        $"Esketamine nasal is given as 56 mg (2 devices) or 84 mg (3 devices) of 28 mg, {MinutesBetweenDevices} minutes apart; {DoseFormat.Number(mg)} mg is not a labelled dose.";
}
