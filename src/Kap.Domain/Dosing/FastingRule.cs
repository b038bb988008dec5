using Kap.Domain.Preparation;

namespace Kap.Domain.Dosing;

/// <summary>
/// The fasting window the nurse practitioner confirms before dosing (domain.md §4): by default no food
/// 6 h and clear liquids until 2 h before [S: ASA-F]; for esketamine no food 2 h and no liquids 30 min
/// before [S: PDR].
/// </summary>
public sealed record FastingRule(TimeSpan NoFoodFor, TimeSpan NoClearLiquidsFor)
{
    public static FastingRule Standard { get; } = new(TimeSpan.FromHours(6), TimeSpan.FromHours(2));

    public static FastingRule Esketamine { get; } = new(TimeSpan.FromHours(2), TimeSpan.FromMinutes(30));

    /// <summary>The default window for a route: esketamine has its own label wording, every other route follows ASA.</summary>
    public static FastingRule For(Route route) => route == Route.EsketamineNasal ? Esketamine : Standard;

    /// <summary>
    /// The text shown on the checklist, e.g. "No food in the 6 h before dosing; no liquids in the 2 h
    /// before dosing." (the standard rule allows clear liquids until then).
    /// </summary>
    public string Text => $"No food in the {Describe(NoFoodFor)} before dosing; no liquids in the {Describe(NoClearLiquidsFor)} before dosing.";

    private static string Describe(TimeSpan span) =>
        span.TotalMinutes % 60 == 0 ? $"{span.TotalHours:0} h" : $"{span.TotalMinutes:0} min";
}
