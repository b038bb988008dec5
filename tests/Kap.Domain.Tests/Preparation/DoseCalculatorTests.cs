using Kap.Domain.Preparation;

namespace Kap.Domain.Tests.Preparation;

public sealed class DoseCalculatorTests
{
    private static readonly DateTime Now = new(2027, 2, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Course = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid Prescriber = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000001");
    private static readonly DoseCeilings Ceilings = DoseCeilings.Default;

    private static DosePlan Plan(Route route, DoseBasis basis, decimal amount, int? minutes = null) =>
        new(Course, Prescriber, route, basis, amount, minutes, Prescriber, Now);

    private static DosePlan Iv(decimal mgPerKg) => Plan(Route.IntravenousInfusion, DoseBasis.MgPerKg, mgPerKg, 40);

    private static DoseCalculation ComputeOk(DosePlan plan, decimal? weightKg, decimal? concentration = null)
    {
        var result = DoseCalculator.Compute(plan, weightKg, Now.AddDays(-1), Now, vialConcentrationMgPerMl: concentration);
        Assert.True(result.IsSuccess, string.Join(" ", result.Problems));
        return result;
    }

    [Fact]
    public void A_mg_per_kg_dose_is_shown_with_its_arithmetic()
    {
        var dose = ComputeOk(Iv(0.5m), 72.4m);

        Assert.Equal(36.2m, dose.Milligrams);
        Assert.Null(dose.Millilitres);
        Assert.Equal("0.5 mg/kg × 72.4 kg = 36.2 mg", dose.Arithmetic);
    }

    [Theory]
    [InlineData(0.6, 72.35, 43.4, "0.6 mg/kg × 72.35 kg = 43.41 mg, rounded to 43.4 mg")]
    [InlineData(0.75, 72.35, 54.3, "0.75 mg/kg × 72.35 kg = 54.2625 mg, rounded to 54.3 mg")]
    [InlineData(0.5, 80.25, 40.1, "0.5 mg/kg × 80.25 kg = 40.125 mg, rounded to 40.1 mg")]
    [InlineData(0.5, 80.3, 40.2, "0.5 mg/kg × 80.3 kg = 40.15 mg, rounded to 40.2 mg")] // half away from zero
    [InlineData(0.5, 70, 35, "0.5 mg/kg × 70 kg = 35 mg")]
    public void Milligrams_are_rounded_to_a_tenth_and_the_rounding_is_shown(double mgPerKg, double weightKg, double expectedMg, string arithmetic)
    {
        var dose = ComputeOk(Iv((decimal)mgPerKg), (decimal)weightKg);

        Assert.Equal((decimal)expectedMg, dose.Milligrams);
        Assert.Equal(arithmetic, dose.Arithmetic);
    }

    [Fact]
    public void Millilitres_come_from_the_vial_concentration_to_a_hundredth()
    {
        var dose = ComputeOk(Iv(0.5m), 72.4m, concentration: 50m);

        Assert.Equal(0.72m, dose.Millilitres);
        Assert.Equal("0.5 mg/kg × 72.4 kg = 36.2 mg; 36.2 mg ÷ 50 mg/mL = 0.724 mL, rounded to 0.72 mL", dose.Arithmetic);
    }

    [Fact]
    public void A_volume_that_does_not_divide_exactly_is_shown_as_approximate()
    {
        var dose = ComputeOk(Iv(0.5m), 72.4m, concentration: 30m);

        Assert.Equal(1.21m, dose.Millilitres); // 36.2 / 30 = 1.20666…
        Assert.Equal("0.5 mg/kg × 72.4 kg = 36.2 mg; 36.2 mg ÷ 30 mg/mL ≈ 1.21 mL", dose.Arithmetic);
    }

    [Fact]
    public void An_exact_volume_is_shown_plainly()
    {
        var dose = ComputeOk(Iv(0.5m), 70m, concentration: 10m);

        Assert.Equal(3.5m, dose.Millilitres);
        Assert.Equal("0.5 mg/kg × 70 kg = 35 mg; 35 mg ÷ 10 mg/mL = 3.5 mL", dose.Arithmetic);
    }

    [Fact]
    public void A_fixed_dose_needs_no_weight()
    {
        var dose = DoseCalculator.Compute(Plan(Route.SublingualOral, DoseBasis.FixedMg, 300m), null, null, Now);

        Assert.True(dose.IsSuccess);
        Assert.Equal(300m, dose.Milligrams);
        Assert.Equal("Fixed dose: 300 mg", dose.Arithmetic);
    }

    [Fact]
    public void Esketamine_is_counted_in_devices_and_has_no_volume()
    {
        var dose = DoseCalculator.Compute(Plan(Route.EsketamineNasal, DoseBasis.FixedMg, 84m), null, null, Now, vialConcentrationMgPerMl: 50m);

        Assert.True(dose.IsSuccess);
        Assert.Equal(84m, dose.Milligrams);
        Assert.Null(dose.Millilitres);
        Assert.Equal("84 mg = 3 × 28 mg devices, 5 min apart", dose.Arithmetic);
    }

    [Fact]
    public void A_mg_per_kg_dose_without_a_weight_is_refused()
    {
        var dose = DoseCalculator.Compute(Iv(0.5m), null, null, Now);

        Assert.False(dose.IsSuccess);
        Assert.Null(dose.Milligrams);
        Assert.Equal(["A mg/kg dose needs the patient's weight: record it first."], dose.Problems);
    }

    [Fact]
    public void A_weight_30_days_old_is_accepted()
    {
        var dose = DoseCalculator.Compute(Iv(0.5m), 72.4m, Now.AddDays(-30), Now);

        Assert.True(dose.IsSuccess, string.Join(" ", dose.Problems));
    }

    [Fact]
    public void A_weight_31_days_old_is_refused_naming_its_date()
    {
        var dose = DoseCalculator.Compute(Iv(0.5m), 72.4m, Now.AddDays(-31), Now);

        Assert.False(dose.IsSuccess);
        Assert.Equal(
            ["The weight was recorded on 2027-01-01, more than 30 days ago: a mg/kg dose needs a weight from the last 30 days. Weigh the patient again."],
            dose.Problems);
    }

    [Fact]
    public void The_weight_window_ends_at_the_instant_30_days_on()
    {
        Assert.False(DoseCalculator.Compute(Iv(0.5m), 72.4m, Now.AddDays(-30).AddMinutes(-1), Now).IsSuccess);
    }

    [Fact]
    public void The_weight_window_is_a_setting()
    {
        Assert.True(DoseCalculator.Compute(Iv(0.5m), 72.4m, Now.AddDays(-45), Now, weightValidityDays: 60).IsSuccess);
        Assert.False(DoseCalculator.Compute(Iv(0.5m), 72.4m, Now.AddDays(-8), Now, weightValidityDays: 7).IsSuccess);
    }

    [Fact]
    public void An_old_weight_does_not_matter_for_a_fixed_dose()
    {
        Assert.True(DoseCalculator.Compute(Plan(Route.SublingualOral, DoseBasis.FixedMg, 200m), 72.4m, Now.AddDays(-400), Now).IsSuccess);
    }

    [Fact]
    public void A_weight_dated_in_the_future_is_refused()
    {
        Assert.False(DoseCalculator.Compute(Iv(0.5m), 72.4m, Now.AddDays(1), Now).IsSuccess);
    }

    [Fact]
    public void An_implausible_weight_is_refused()
    {
        var dose = DoseCalculator.Compute(Iv(0.5m), 724m, Now.AddDays(-1), Now);

        Assert.Equal(["Weight 724 kg is outside the plausible range 30–300 kg; check the reading."], dose.Problems);
    }

    [Fact]
    public void An_anaesthetic_plan_is_refused_by_the_calculator_too()
    {
        var dose = DoseCalculator.Compute(Iv(1.0m), 72.4m, Now.AddDays(-1), Now);

        Assert.Contains("anaesthetic range", Assert.Single(dose.Problems), StringComparison.Ordinal);
        Assert.Null(dose.Milligrams);
    }

    [Fact]
    public void A_zero_concentration_is_refused()
    {
        Assert.False(DoseCalculator.Compute(Iv(0.5m), 72.4m, Now.AddDays(-1), Now, vialConcentrationMgPerMl: 0m).IsSuccess);
    }

    [Fact]
    public void A_booster_within_the_iv_ceiling_passes()
    {
        // 0.5 mg/kg × 72.4 kg = 36.2 mg, then 18.1 mg: 54.3 / 72.4 = 0.75 mg/kg exactly, at the ceiling.
        var check = DoseCalculator.CumulativeCheck(36.2m, 18.1m, 72.4m, Route.IntravenousInfusion, Ceilings);

        Assert.True(check.IsWithinLimits, string.Join(" ", check.Problems));
        Assert.Equal(54.3m, check.TotalMg);
        Assert.Equal(0.75m, check.TotalMgPerKg);
        Assert.Equal("(36.2 mg + 18.1 mg) ÷ 72.4 kg = 0.75 mg/kg", check.Arithmetic);
    }

    [Fact]
    public void A_booster_crossing_the_iv_ceiling_needs_an_override()
    {
        var check = DoseCalculator.CumulativeCheck(36.2m, 18.2m, 72.4m, Route.IntravenousInfusion, Ceilings);

        Assert.False(check.IsWithinLimits);
        Assert.True(check.NeedsCeilingOverride);
        Assert.False(check.IsRefused);
        Assert.Equal(54.4m, check.TotalMg);
        Assert.Equal("(36.2 mg + 18.2 mg) ÷ 72.4 kg ≈ 0.7514 mg/kg", check.Arithmetic);
        Assert.Equal(
            ["The session total of IV infusion 0.7514 mg/kg is above the clinic ceiling of 0.75 mg/kg: the booster needs the prescribing nurse practitioner's signed override with a reason."],
            check.Problems);
    }

    [Fact]
    public void A_booster_reaching_the_iv_anaesthetic_range_is_refused_outright()
    {
        var check = DoseCalculator.CumulativeCheck(54.3m, 18.1m, 72.4m, Route.IntravenousInfusion, Ceilings);

        Assert.True(check.IsRefused);
        Assert.False(check.NeedsCeilingOverride);
        Assert.Equal(1m, check.TotalMgPerKg);
        Assert.Contains("in the anaesthetic range", Assert.Single(check.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_booster_reaching_the_im_anaesthetic_range_is_refused_outright()
    {
        // 70 kg: 6.5 mg/kg = 455 mg
        Assert.True(DoseCalculator.CumulativeCheck(400m, 55m, 70m, Route.Intramuscular, Ceilings).IsRefused);
        var below = DoseCalculator.CumulativeCheck(400m, 54m, 70m, Route.Intramuscular, Ceilings);
        Assert.False(below.IsRefused);
        Assert.True(below.NeedsCeilingOverride);
    }

    [Fact]
    public void A_per_kg_booster_needs_the_weight()
    {
        var check = DoseCalculator.CumulativeCheck(36.2m, 10m, null, Route.IntravenousInfusion, Ceilings);

        Assert.Equal(["A session total in mg/kg needs the patient's weight."], check.Problems);
    }

    [Fact]
    public void A_sublingual_fixed_booster_is_checked_against_400_mg()
    {
        Assert.True(DoseCalculator.CumulativeCheck(300m, 100m, null, Route.SublingualOral, Ceilings, DoseBasis.FixedMg).IsWithinLimits);

        var over = DoseCalculator.CumulativeCheck(300m, 101m, null, Route.SublingualOral, Ceilings, DoseBasis.FixedMg);
        Assert.True(over.NeedsCeilingOverride);
        Assert.Equal("300 mg + 101 mg = 401 mg", over.Arithmetic);
    }

    [Fact]
    public void An_esketamine_third_device_is_within_the_label_and_a_fourth_is_refused()
    {
        Assert.True(DoseCalculator.CumulativeCheck(56m, 28m, null, Route.EsketamineNasal, Ceilings).IsWithinLimits);

        var fourth = DoseCalculator.CumulativeCheck(84m, 28m, null, Route.EsketamineNasal, Ceilings);
        Assert.True(fourth.IsRefused);
        Assert.Contains("more than the labelled 84 mg", Assert.Single(fourth.Problems), StringComparison.Ordinal);

        Assert.False(DoseCalculator.CumulativeCheck(56m, 14m, null, Route.EsketamineNasal, Ceilings).IsWithinLimits);
    }

    [Fact]
    public void A_booster_of_nothing_is_refused()
    {
        Assert.False(DoseCalculator.CumulativeCheck(36.2m, 0m, 72.4m, Route.IntravenousInfusion, Ceilings).IsWithinLimits);
    }
}
