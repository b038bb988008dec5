using System.ComponentModel.DataAnnotations;
using Kap.Domain.Preparation;

namespace Kap.Application.Common.Options;

/// <summary>appsettings "Clinical": the clinic's clinical settings from domain.md, each with its default.</summary>
public sealed class ClinicalOptions
{
    public const string Section = "Clinical";

    /// <summary>How long a signed medical clearance stays current (domain.md §2; default 90 days).</summary>
    [Range(1, 365)] public int ClearanceValidityDays { get; set; } = MedicalClearance.DefaultValidityDays;

    /// <summary>How recent a weight must be for a mg/kg dose (domain.md §3; default 30 days).</summary>
    [Range(1, 365)] public int WeightValidityDays { get; set; } = DoseCalculator.DefaultWeightValidityDays;

    [Range(0.01, 0.99)] public decimal IntravenousCeilingMgPerKg { get; set; } = DoseCeilings.Default.IntravenousMgPerKg;
    [Range(0.01, 6.49)] public decimal IntramuscularCeilingMgPerKg { get; set; } = DoseCeilings.Default.IntramuscularMgPerKg;
    [Range(0.01, 20)] public decimal SublingualCeilingMgPerKg { get; set; } = DoseCeilings.Default.SublingualMgPerKg;

    public DoseCeilings Ceilings => DoseCeilings.Default with
    {
        IntravenousMgPerKg = IntravenousCeilingMgPerKg,
        IntramuscularMgPerKg = IntramuscularCeilingMgPerKg,
        SublingualMgPerKg = SublingualCeilingMgPerKg,
    };
}
