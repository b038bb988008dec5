namespace Kap.Domain.Preparation;

/// <summary>How ketamine is given (domain.md §3). Stored as numbers: never renumber.</summary>
public enum Route
{
    IntravenousInfusion = 0,
    Intramuscular = 1,

    /// <summary>Sublingual or oral: rapid-dissolve tablet, troche, lozenge.</summary>
    SublingualOral = 2,

    IntranasalRacemic = 3,
    EsketamineNasal = 4,
}

/// <summary>How a planned amount is read. Stored as numbers: never renumber.</summary>
public enum DoseBasis
{
    MgPerKg = 0,
    FixedMg = 1,
}

public static class RouteNames
{
    public static string Describe(this Route route) => route switch
    {
        Route.IntravenousInfusion => "IV infusion",
        Route.Intramuscular => "IM",
        Route.SublingualOral => "Sublingual/oral",
        Route.IntranasalRacemic => "Intranasal (racemic)",
        Route.EsketamineNasal => "Esketamine nasal",
        _ => route.ToString(),
    };

    public static string Unit(this DoseBasis basis) => basis == DoseBasis.MgPerKg ? "mg/kg" : "mg";

    /// <summary>
    /// The bases a route is ordered in. IV and IM are mg/kg, because their anaesthetic thresholds are
    /// mg/kg and must be checkable on the plan itself; esketamine is fixed devices of 28 mg.
    /// </summary>
    public static IReadOnlyList<DoseBasis> AllowedBases(this Route route) => route switch
    {
        Route.IntravenousInfusion or Route.Intramuscular => [DoseBasis.MgPerKg],
        Route.EsketamineNasal => [DoseBasis.FixedMg],
        _ => [DoseBasis.MgPerKg, DoseBasis.FixedMg],
    };
}
