using Kap.Domain.Common;

namespace Kap.Domain.Preparation;

/// <summary>
/// The prescribing NP's dose plan for a course (domain.md §3): route, basis, planned amount and, for IV,
/// the infusion time. <see cref="Validate"/> is the rule enforced on save: the anaesthetic range is
/// refused always; above the clinic ceiling the plan needs the prescriber's signed override.
/// </summary>
public sealed class DosePlan : Entity, IVersioned
{
    private DosePlan()
    {
    }

    /// <param name="prescriberId">The course's prescribing NP: the only person who may override the ceiling.</param>
    /// <param name="infusionMinutes">IV only; ignored (stored as null) for every other route.</param>
    public DosePlan(Guid courseId, Guid prescriberId, Route route, DoseBasis basis, decimal plannedAmount, int? infusionMinutes, Guid plannedBy, DateTime plannedAtUtc)
    {
        CourseId = courseId;
        PrescriberId = prescriberId;
        Set(route, basis, plannedAmount, infusionMinutes);
        PlannedBy = plannedBy;
        PlannedAtUtc = plannedAtUtc;
    }

    public Guid CourseId { get; private set; }
    public Guid PrescriberId { get; private set; }
    public Route Route { get; private set; }
    public DoseBasis Basis { get; private set; }

    /// <summary>mg/kg or mg, per <see cref="Basis"/>.</summary>
    public decimal PlannedAmount { get; private set; }

    public int? InfusionMinutes { get; private set; }

    /// <summary>The prescriber's signed decision to plan above the clinic ceiling; cleared when the dose changes.</summary>
    public SignedOverride? CeilingOverride { get; private set; }

    public Guid PlannedBy { get; private set; }
    public DateTime PlannedAtUtc { get; private set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public const int MaxPatientInstructionsLength = 2000;

    /// <summary>
    /// The prescriber's medication instructions for the patient before a dosing session ("take your morning
    /// sertraline as usual; skip the lorazepam the night before"), shown in the portal with the session.
    /// </summary>
    public string? PatientMedicationInstructions { get; private set; }

    public void SetPatientMedicationInstructions(string? text) =>
        PatientMedicationInstructions = string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>"IV infusion 0.5 mg/kg over 40 min", "Esketamine nasal 56 mg (2 × 28 mg devices, 5 min apart)".</summary>
    public string Describe()
    {
        var dose = $"{Route.Describe()} {DoseFormat.Number(PlannedAmount)} {Basis.Unit()}";
        return Route switch
        {
            Route.IntravenousInfusion when InfusionMinutes is { } minutes => $"{dose} over {minutes} min",
            Route.EsketamineNasal when Esketamine.IsAllowedDose(PlannedAmount) =>
                $"{dose} ({Esketamine.Devices(PlannedAmount)} × 28 mg devices, {Esketamine.MinutesBetweenDevices} min apart)",
            _ => dose,
        };
    }

    /// <summary>Whether the plan is in the anaesthetic range of its route (IV ≥ 1 mg/kg, IM ≥ 6.5 mg/kg).</summary>
    public bool IsAnaesthetic => Basis == DoseBasis.MgPerKg && AnaestheticRange.IsAnaesthetic(Route, PlannedAmount);

    public decimal? Ceiling(DoseCeilings ceilings) => ceilings.For(Route, Basis);

    public bool IsAboveCeiling(DoseCeilings ceilings) => Ceiling(ceilings) is { } ceiling && PlannedAmount > ceiling;

    /// <summary>
    /// Changes the plan. An override was given for a particular dose, so changing route, basis or amount
    /// clears it; changing only the infusion time keeps it.
    /// </summary>
    public void Revise(Route route, DoseBasis basis, decimal plannedAmount, int? infusionMinutes, Guid byUserId, DateTime atUtc)
    {
        if (route != Route || basis != Basis || plannedAmount != PlannedAmount)
        {
            CeilingOverride = null;
        }

        Set(route, basis, plannedAmount, infusionMinutes);
        PlannedBy = byUserId;
        PlannedAtUtc = atUtc;
    }

    /// <summary>
    /// The prescribing NP's signed decision to plan above the clinic ceiling. Refused for the anaesthetic
    /// range, which no override allows.
    /// </summary>
    /// <param name="isNursePractitioner">Whether <paramref name="byUserId"/> holds the nurse-practitioner role.</param>
    public DomainResult OverrideCeiling(string? reason, Guid byUserId, bool isNursePractitioner, DateTime atUtc)
    {
        if (IsAnaesthetic)
        {
            return DomainResult.Fail(AnaestheticRange.Refusal(Route, PlannedAmount));
        }

        var problems = new List<string>();
        if (!isNursePractitioner || byUserId != PrescriberId)
        {
            problems.Add("Only the course's prescribing nurse practitioner can override the dose ceiling.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add("Write the reason for planning above the ceiling.");
        }

        if (problems.Count > 0)
        {
            return DomainResult.Fail(problems);
        }

        CeilingOverride = new SignedOverride(reason!.Trim(), byUserId, atUtc);
        return DomainResult.Ok;
    }

    /// <summary>The rule enforced on save: every problem with the plan, each named.</summary>
    public DomainResult Validate(DoseCeilings ceilings)
    {
        var problems = new List<string>();
        var unit = Basis.Unit();
        if (!Enum.IsDefined(Route) || !Enum.IsDefined(Basis))
        {
            return DomainResult.Fail("Choose a route and a dose basis from the list.");
        }

        if (PlannedAmount <= 0)
        {
            problems.Add("The planned dose must be more than 0.");
        }

        if (!Route.AllowedBases().Contains(Basis))
        {
            problems.Add($"{Route.Describe()} is ordered in {Route.AllowedBases()[0].Unit()}, not {unit}.");
        }
        else if (Route == Route.EsketamineNasal && !Esketamine.IsAllowedDose(PlannedAmount))
        {
            problems.Add(Esketamine.Refusal(PlannedAmount));
        }

        if (Route == Route.IntravenousInfusion)
        {
            if (InfusionMinutes is not { } minutes)
            {
                problems.Add($"An IV infusion needs an infusion time (the clinic default is {ceilings.DefaultInfusionMinutes} minutes).");
            }
            else if (minutes < ceilings.MinimumInfusionMinutes)
            {
                problems.Add($"An IV infusion over {minutes} minutes is too fast: give it over at least {ceilings.MinimumInfusionMinutes} minutes. Fast injection is dangerous.");
            }
        }

        if (IsAnaesthetic)
        {
            problems.Add(AnaestheticRange.Refusal(Route, PlannedAmount));
        }
        else if (PlannedAmount > 0 && Ceiling(ceilings) is { } ceiling && PlannedAmount > ceiling && CeilingOverride is null)
        {
            problems.Add($"{Route.Describe()} {DoseFormat.Number(PlannedAmount)} {unit} is above the clinic ceiling of {DoseFormat.Number(ceiling)} {unit}: it needs the prescribing nurse practitioner's signed override with a reason.");
        }

        return problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems);
    }

    private void Set(Route route, DoseBasis basis, decimal plannedAmount, int? infusionMinutes)
    {
        Route = route;
        Basis = basis;
        PlannedAmount = plannedAmount;
        InfusionMinutes = route == Route.IntravenousInfusion ? infusionMinutes : null;
    }
}
