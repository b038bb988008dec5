using Kap.Domain.Common;

namespace Kap.Domain.Preparation;

/// <summary>
/// A computed dose: milligrams (to 0.1 mg), millilitres (to 0.01 mL) when a vial concentration was given,
/// and the arithmetic written out so the clinician can check it by eye. When refused, only
/// <see cref="Result"/> is set.
/// </summary>
public sealed record DoseCalculation(DomainResult Result, decimal? Milligrams, decimal? Millilitres, string? Arithmetic)
{
    public bool IsSuccess => Result.IsSuccess;

    public IReadOnlyList<string> Problems => Result.Problems;

    internal static DoseCalculation Refused(IEnumerable<string> problems) => new(DomainResult.Fail(problems), null, null, null);
}

/// <summary>
/// A booster checked against the session's limits (domain.md §3: a booster is its own administration;
/// the session's cumulative dose is checked against the ceiling [C: JC]).
/// <see cref="IsRefused"/>: no override allows it (anaesthetic range, beyond the esketamine label).
/// <see cref="NeedsCeilingOverride"/>: above the clinic ceiling; allowed only with the prescriber's signed override.
/// </summary>
public sealed record CumulativeDoseCheck(DomainResult Result, decimal TotalMg, decimal? TotalMgPerKg, string Arithmetic, bool IsRefused, bool NeedsCeilingOverride)
{
    public bool IsWithinLimits => Result.IsSuccess;

    public IReadOnlyList<string> Problems => Result.Problems;
}

/// <summary>Turns a dose plan into milligrams for this patient today, and checks boosters (domain.md §3).</summary>
public static class DoseCalculator
{
    /// <summary>Clinic setting default: a mg/kg dose needs a weight from the last 30 days [U].</summary>
    public const int DefaultWeightValidityDays = 30;

    /// <summary>
    /// The dose in mg (and mL) for <paramref name="plan"/>. A mg/kg plan needs a weight recorded no more
    /// than <paramref name="weightValidityDays"/> days before <paramref name="nowUtc"/> (the last instant
    /// of the window still counts); an older one is refused with its date, so the NP knows to weigh again.
    /// A fixed plan ignores the weight. Esketamine comes in 28 mg devices, so no volume is computed for it.
    /// An anaesthetic-range plan is refused here too, in case it reaches the calculator unvalidated.
    /// </summary>
    public static DoseCalculation Compute(
        DosePlan plan,
        decimal? weightKg,
        DateTime? weightRecordedAtUtc,
        DateTime nowUtc,
        int weightValidityDays = DefaultWeightValidityDays,
        decimal? vialConcentrationMgPerMl = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weightValidityDays);

        var problems = new List<string>();
        if (plan.PlannedAmount <= 0)
        {
            problems.Add("The planned dose must be more than 0.");
        }

        if (!plan.Route.AllowedBases().Contains(plan.Basis))
        {
            problems.Add($"{plan.Route.Describe()} is ordered in {plan.Route.AllowedBases()[0].Unit()}, not {plan.Basis.Unit()}.");
        }
        else if (plan.IsAnaesthetic)
        {
            problems.Add(AnaestheticRange.Refusal(plan.Route, plan.PlannedAmount));
        }
        else if (plan.Route == Route.EsketamineNasal && !Esketamine.IsAllowedDose(plan.PlannedAmount))
        {
            problems.Add(Esketamine.Refusal(plan.PlannedAmount));
        }

        if (vialConcentrationMgPerMl is <= 0)
        {
            problems.Add("The vial concentration must be more than 0 mg/mL.");
        }

        if (plan.Basis == DoseBasis.MgPerKg)
        {
            problems.AddRange(WeightProblems(weightKg, weightRecordedAtUtc, nowUtc, weightValidityDays));
        }

        if (problems.Count > 0)
        {
            return DoseCalculation.Refused(problems);
        }

        decimal mg;
        string arithmetic;
        if (plan.Basis == DoseBasis.MgPerKg)
        {
            var exact = plan.PlannedAmount * weightKg!.Value;
            mg = Math.Round(exact, 1, MidpointRounding.AwayFromZero);
            arithmetic = $"{N(plan.PlannedAmount)} mg/kg × {N(weightKg.Value)} kg {Result(exact, mg, "mg")}";
        }
        else if (plan.Route == Route.EsketamineNasal)
        {
            mg = plan.PlannedAmount;
            var devices = Esketamine.Devices(mg);
            arithmetic = $"{N(mg)} mg = {devices} × {N(Esketamine.DeviceMg)} mg devices, {Esketamine.MinutesBetweenDevices} min apart";
            return new DoseCalculation(DomainResult.Ok, mg, null, arithmetic);
        }
        else
        {
            mg = plan.PlannedAmount;
            arithmetic = $"Fixed dose: {N(mg)} mg";
        }

        decimal? ml = null;
        if (vialConcentrationMgPerMl is { } concentration)
        {
            var exactMl = mg / concentration;
            ml = Math.Round(exactMl, 2, MidpointRounding.AwayFromZero);
            arithmetic += $"; {N(mg)} mg ÷ {N(concentration)} mg/mL {Result(exactMl, ml.Value, "mL")}";
        }

        return new DoseCalculation(DomainResult.Ok, mg, ml, arithmetic);
    }

    /// <summary>
    /// Checks a booster against the session: the dose already given plus the booster, per kg where the
    /// route is dosed per kg. The anaesthetic range (IV, IM) and more than the esketamine label's 84 mg
    /// are refused outright; above the clinic ceiling needs the prescriber's signed override.
    /// </summary>
    /// <param name="basis">How the session's ceiling is read: IV and IM are always mg/kg; sublingual and intranasal follow the plan's basis.</param>
    public static CumulativeDoseCheck CumulativeCheck(
        decimal previousMg,
        decimal additionalMg,
        decimal? weightKg,
        Route route,
        DoseCeilings ceilings,
        DoseBasis basis = DoseBasis.MgPerKg)
    {
        ArgumentNullException.ThrowIfNull(ceilings);
        if (route == Route.EsketamineNasal)
        {
            basis = DoseBasis.FixedMg;
        }

        var total = previousMg + additionalMg;
        var problems = new List<string>();
        if (previousMg < 0)
        {
            problems.Add("The dose already given cannot be negative.");
        }

        if (additionalMg <= 0)
        {
            problems.Add("The booster must be more than 0 mg.");
        }

        if (!route.AllowedBases().Contains(basis))
        {
            problems.Add($"{route.Describe()} is ordered in {route.AllowedBases()[0].Unit()}, not {basis.Unit()}.");
        }

        if (basis == DoseBasis.MgPerKg)
        {
            if (weightKg is null)
            {
                problems.Add("A session total in mg/kg needs the patient's weight.");
            }
            else if (weightKg is < ClearanceVitals.MinWeightKg or > ClearanceVitals.MaxWeightKg)
            {
                problems.Add(WeightOutOfRange(weightKg.Value));
            }
        }

        var sum = $"{N(previousMg)} mg + {N(additionalMg)} mg";
        if (problems.Count > 0)
        {
            return new CumulativeDoseCheck(DomainResult.Fail(problems), total, null, $"{sum} = {N(total)} mg", IsRefused: true, NeedsCeilingOverride: false);
        }

        if (route == Route.EsketamineNasal)
        {
            var arithmetic = $"{sum} = {N(total)} mg";
            if (additionalMg % Esketamine.DeviceMg != 0)
            {
                problems.Add($"Esketamine is given in whole {N(Esketamine.DeviceMg)} mg devices; {N(additionalMg)} mg is not.");
            }

            if (total > Esketamine.MaximumMg)
            {
                problems.Add($"Esketamine nasal {N(total)} mg in one session is more than the labelled {N(Esketamine.MaximumMg)} mg and is refused.");
            }

            return new CumulativeDoseCheck(
                problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems), total, null, arithmetic, IsRefused: problems.Count > 0, NeedsCeilingOverride: false);
        }

        if (basis == DoseBasis.MgPerKg)
        {
            var weight = weightKg!.Value;
            var perKg = total / weight;
            var arithmetic = $"({sum}) ÷ {N(weight)} kg {Result(perKg, Math.Round(perKg, 4, MidpointRounding.AwayFromZero), "mg/kg")}";
            if (AnaestheticRange.IsAnaesthetic(route, perKg))
            {
                return new CumulativeDoseCheck(
                    DomainResult.Fail(AnaestheticRange.Refusal(route, Math.Round(perKg, 4, MidpointRounding.AwayFromZero), " for the session")),
                    total, perKg, arithmetic, IsRefused: true, NeedsCeilingOverride: false);
            }

            if (ceilings.For(route, basis) is { } ceiling && perKg > ceiling)
            {
                return new CumulativeDoseCheck(
                    DomainResult.Fail(AboveCeiling(route, Math.Round(perKg, 4, MidpointRounding.AwayFromZero), ceiling, "mg/kg")),
                    total, perKg, arithmetic, IsRefused: false, NeedsCeilingOverride: true);
            }

            return new CumulativeDoseCheck(DomainResult.Ok, total, perKg, arithmetic, IsRefused: false, NeedsCeilingOverride: false);
        }

        var fixedArithmetic = $"{sum} = {N(total)} mg";
        if (ceilings.For(route, basis) is { } fixedCeiling && total > fixedCeiling)
        {
            return new CumulativeDoseCheck(
                DomainResult.Fail(AboveCeiling(route, total, fixedCeiling, "mg")), total, null, fixedArithmetic, IsRefused: false, NeedsCeilingOverride: true);
        }

        return new CumulativeDoseCheck(DomainResult.Ok, total, null, fixedArithmetic, IsRefused: false, NeedsCeilingOverride: false);
    }

    private static IEnumerable<string> WeightProblems(decimal? weightKg, DateTime? recordedAtUtc, DateTime nowUtc, int validityDays)
    {
        if (weightKg is null || recordedAtUtc is null)
        {
            yield return "A mg/kg dose needs the patient's weight: record it first.";
            yield break;
        }

        if (weightKg is < ClearanceVitals.MinWeightKg or > ClearanceVitals.MaxWeightKg)
        {
            yield return WeightOutOfRange(weightKg.Value);
        }

        var recorded = recordedAtUtc.Value;
        if (recorded > nowUtc)
        {
            yield return $"The weight is dated {DoseFormat.Date(recorded)}, in the future: check the record.";
        }
        else if (nowUtc > recorded.AddDays(validityDays))
        {
            yield return $"The weight was recorded on {DoseFormat.Date(recorded)}, more than {validityDays} days ago: a mg/kg dose needs a weight from the last {validityDays} days. Weigh the patient again.";
        }
    }

    private static string WeightOutOfRange(decimal weightKg) =>
        $"Weight {N(weightKg)} kg is outside the plausible range {N(ClearanceVitals.MinWeightKg)}–{N(ClearanceVitals.MaxWeightKg)} kg; check the reading.";

    private static string AboveCeiling(Route route, decimal total, decimal ceiling, string unit) =>
        $"The session total of {route.Describe()} {N(total)} {unit} is above the clinic ceiling of {N(ceiling)} {unit}: the booster needs the prescribing nurse practitioner's signed override with a reason.";

    /// <summary>"= 36.2 mg" when exact; "= 43.41 mg, rounded to 43.4 mg"; "≈ 1.21 mL" when the exact value does not end.</summary>
    private static string Result(decimal exact, decimal rounded, string unit)
    {
        if (exact == rounded)
        {
            return $"= {N(rounded)} {unit}";
        }

        return exact == Math.Round(exact, 4)
            ? $"= {N(exact)} {unit}, rounded to {N(rounded)} {unit}"
            : $"≈ {N(rounded)} {unit}";
    }

    private static string N(decimal value) => DoseFormat.Number(value);
}
