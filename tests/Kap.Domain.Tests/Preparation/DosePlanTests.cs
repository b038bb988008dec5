using Kap.Domain.Preparation;

namespace Kap.Domain.Tests.Preparation;

public sealed class DosePlanTests
{
    private static readonly DateTime Now = new(2027, 2, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Course = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid Prescriber = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000001");
    private static readonly Guid OtherNp = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");
    private static readonly Guid Therapist = Guid.Parse("cccccccc-0000-0000-0000-000000000001");
    private static readonly DoseCeilings Ceilings = DoseCeilings.Default;

    private static DosePlan Plan(Route route, DoseBasis basis, decimal amount, int? minutes = null) =>
        new(Course, Prescriber, route, basis, amount, minutes, Prescriber, Now);

    private static DosePlan Iv(decimal mgPerKg, int? minutes = 40) => Plan(Route.IntravenousInfusion, DoseBasis.MgPerKg, mgPerKg, minutes);

    private static DosePlan Im(decimal mgPerKg) => Plan(Route.Intramuscular, DoseBasis.MgPerKg, mgPerKg);

    private static void Ok(Kap.Domain.Common.DomainResult result) => Assert.True(result.IsSuccess, string.Join(" ", result.Problems));

    [Fact]
    public void Stored_values_never_change()
    {
        Assert.Equal(0, (int)Route.IntravenousInfusion);
        Assert.Equal(1, (int)Route.Intramuscular);
        Assert.Equal(2, (int)Route.SublingualOral);
        Assert.Equal(3, (int)Route.IntranasalRacemic);
        Assert.Equal(4, (int)Route.EsketamineNasal);
        Assert.Equal(0, (int)DoseBasis.MgPerKg);
        Assert.Equal(1, (int)DoseBasis.FixedMg);
    }

    [Fact]
    public void The_default_ceilings_are_domain_mds()
    {
        Assert.Equal(0.75m, Ceilings.IntravenousMgPerKg);
        Assert.Equal(2.0m, Ceilings.IntramuscularMgPerKg);
        Assert.Equal(7m, Ceilings.SublingualMgPerKg);
        Assert.Equal(400m, Ceilings.SublingualFixedMg);
        Assert.Equal(100m, Ceilings.IntranasalRacemicFixedMg);
        Assert.Equal(1.0m, Ceilings.IntranasalRacemicMgPerKg);
        Assert.Equal(40, Ceilings.MinimumInfusionMinutes);
        Assert.Equal(40, Ceilings.DefaultInfusionMinutes);
        Ok(Ceilings.Validate());
        Assert.Null(Ceilings.For(Route.EsketamineNasal, DoseBasis.FixedMg));
        Assert.Null(Ceilings.For(Route.IntravenousInfusion, DoseBasis.FixedMg));
    }

    [Fact]
    public void The_typical_iv_plan_is_valid()
    {
        var plan = Iv(0.5m);

        Ok(plan.Validate(Ceilings));
        Assert.Equal("IV infusion 0.5 mg/kg over 40 min", plan.Describe());
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(2.0)]
    public void Iv_at_or_above_1_mg_per_kg_is_refused_as_anaesthetic(double mgPerKg)
    {
        var plan = Iv((decimal)mgPerKg);

        var result = plan.Validate(Ceilings);

        Assert.True(plan.IsAnaesthetic);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("anaesthetic range (1 mg/kg or more) and is refused; no override allows it", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Iv_0_99_passes_the_anaesthetic_check_and_only_needs_the_ceiling_override()
    {
        var plan = Iv(0.99m);

        Assert.False(plan.IsAnaesthetic);
        var problem = Assert.Single(plan.Validate(Ceilings).Problems);
        Assert.Contains("above the clinic ceiling of 0.75 mg/kg", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("anaesthetic", problem, StringComparison.Ordinal);

        Ok(plan.OverrideCeiling("Partial response at 0.75 over 6 sessions", Prescriber, isNursePractitioner: true, Now));
        Ok(plan.Validate(Ceilings));
    }

    [Theory]
    [InlineData(6.5, "6.5")]
    [InlineData(8.0, "8")]
    public void Im_at_or_above_6_5_mg_per_kg_is_refused_as_anaesthetic(double mgPerKg, string shown)
    {
        var plan = Im((decimal)mgPerKg);

        var problem = Assert.Single(plan.Validate(Ceilings).Problems);

        Assert.Equal($"IM {shown} mg/kg is in the anaesthetic range (6.5 mg/kg or more) and is refused; no override allows it.", problem);
    }

    [Fact]
    public void Im_6_49_passes_the_anaesthetic_check()
    {
        var plan = Im(6.49m);

        Assert.False(plan.IsAnaesthetic);
        Assert.Contains("above the clinic ceiling of 2 mg/kg", Assert.Single(plan.Validate(Ceilings).Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Route.IntravenousInfusion, 1.0)]
    [InlineData(Route.Intramuscular, 6.5)]
    public void No_override_allows_an_anaesthetic_range_plan(Route route, double mgPerKg)
    {
        var plan = Plan(route, DoseBasis.MgPerKg, (decimal)mgPerKg, route == Route.IntravenousInfusion ? 40 : null);

        var overriding = plan.OverrideCeiling("I take responsibility", Prescriber, isNursePractitioner: true, Now);

        Assert.False(overriding.IsSuccess);
        Assert.Contains("no override allows it", Assert.Single(overriding.Problems), StringComparison.Ordinal);
        Assert.Null(plan.CeilingOverride);
        Assert.False(plan.Validate(Ceilings).IsSuccess);
    }

    [Fact]
    public void An_override_given_below_the_anaesthetic_range_does_not_carry_into_it()
    {
        var plan = Iv(0.9m);
        Ok(plan.OverrideCeiling("Partial response", Prescriber, isNursePractitioner: true, Now));

        plan.Revise(Route.IntravenousInfusion, DoseBasis.MgPerKg, 1.0m, 40, Prescriber, Now.AddDays(1));

        Assert.Null(plan.CeilingOverride);
        Assert.Contains("anaesthetic", Assert.Single(plan.Validate(Ceilings).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Iv_at_the_ceiling_of_0_75_is_valid()
    {
        Ok(Iv(0.75m).Validate(Ceilings));
    }

    [Fact]
    public void Iv_0_76_needs_the_prescribers_override()
    {
        var plan = Iv(0.76m);

        var result = plan.Validate(Ceilings);

        Assert.True(plan.IsAboveCeiling(Ceilings));
        Assert.Equal(
            ["IV infusion 0.76 mg/kg is above the clinic ceiling of 0.75 mg/kg: it needs the prescribing nurse practitioner's signed override with a reason."],
            result.Problems);
    }

    [Fact]
    public void An_override_with_a_reason_by_the_prescribing_np_makes_0_76_valid()
    {
        var plan = Iv(0.76m);

        Ok(plan.OverrideCeiling("  Partial response at 0.75  ", Prescriber, isNursePractitioner: true, Now));

        Assert.Equal(new SignedOverride("Partial response at 0.75", Prescriber, Now), plan.CeilingOverride);
        Ok(plan.Validate(Ceilings));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_ceiling_override_needs_a_reason(string? reason)
    {
        var plan = Iv(0.76m);

        Assert.Equal(["Write the reason for planning above the ceiling."], plan.OverrideCeiling(reason, Prescriber, isNursePractitioner: true, Now).Problems);
        Assert.Null(plan.CeilingOverride);
    }

    [Fact]
    public void Only_the_prescribing_np_can_override_the_ceiling()
    {
        var plan = Iv(0.76m);

        Assert.False(plan.OverrideCeiling("Reason", Therapist, isNursePractitioner: false, Now).IsSuccess);
        Assert.False(plan.OverrideCeiling("Reason", OtherNp, isNursePractitioner: true, Now).IsSuccess);
        Assert.Null(plan.CeilingOverride);
    }

    [Fact]
    public void Changing_the_dose_clears_the_override_but_changing_only_the_infusion_time_keeps_it()
    {
        var plan = Iv(0.76m);
        Ok(plan.OverrideCeiling("Partial response", Prescriber, isNursePractitioner: true, Now));

        plan.Revise(Route.IntravenousInfusion, DoseBasis.MgPerKg, 0.76m, 50, Prescriber, Now);
        Assert.NotNull(plan.CeilingOverride);

        plan.Revise(Route.IntravenousInfusion, DoseBasis.MgPerKg, 0.8m, 50, Prescriber, Now);
        Assert.Null(plan.CeilingOverride);
        Assert.False(plan.Validate(Ceilings).IsSuccess);
    }

    [Fact]
    public void Im_at_2_is_valid_and_above_needs_override()
    {
        Ok(Im(2.0m).Validate(Ceilings));
        Assert.Contains("above the clinic ceiling of 2 mg/kg", Assert.Single(Im(2.01m).Validate(Ceilings).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Sublingual_fixed_400_is_valid_and_401_needs_override()
    {
        Ok(Plan(Route.SublingualOral, DoseBasis.FixedMg, 400m).Validate(Ceilings));

        var above = Plan(Route.SublingualOral, DoseBasis.FixedMg, 401m);
        Assert.Equal(
            ["Sublingual/oral 401 mg is above the clinic ceiling of 400 mg: it needs the prescribing nurse practitioner's signed override with a reason."],
            above.Validate(Ceilings).Problems);

        Ok(above.OverrideCeiling("Tolerance; titrated over 4 sessions", Prescriber, isNursePractitioner: true, Now));
        Ok(above.Validate(Ceilings));
    }

    [Fact]
    public void Sublingual_per_kg_7_is_valid_and_above_needs_override()
    {
        Ok(Plan(Route.SublingualOral, DoseBasis.MgPerKg, 7m).Validate(Ceilings));
        Assert.Contains("ceiling of 7 mg/kg", Assert.Single(Plan(Route.SublingualOral, DoseBasis.MgPerKg, 7.1m).Validate(Ceilings).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Intranasal_racemic_has_a_settable_ceiling()
    {
        Ok(Plan(Route.IntranasalRacemic, DoseBasis.FixedMg, 50m).Validate(Ceilings));
        Ok(Plan(Route.IntranasalRacemic, DoseBasis.FixedMg, 100m).Validate(Ceilings));
        Assert.False(Plan(Route.IntranasalRacemic, DoseBasis.FixedMg, 101m).Validate(Ceilings).IsSuccess);
        Ok(Plan(Route.IntranasalRacemic, DoseBasis.FixedMg, 150m).Validate(Ceilings with { IntranasalRacemicFixedMg = 150m }));
    }

    [Fact]
    public void Ceilings_are_clinic_settings()
    {
        var stricter = Ceilings with { IntravenousMgPerKg = 0.6m };

        Assert.False(Iv(0.7m).Validate(stricter).IsSuccess);
        Ok(Iv(0.6m).Validate(stricter));
    }

    [Theory]
    [InlineData(56)]
    [InlineData(84)]
    public void Esketamine_56_or_84_mg_is_valid(int mg)
    {
        var plan = Plan(Route.EsketamineNasal, DoseBasis.FixedMg, mg);

        Ok(plan.Validate(Ceilings));
        Assert.Equal($"Esketamine nasal {mg} mg ({mg / 28} × 28 mg devices, 5 min apart)", plan.Describe());
    }

    [Theory]
    [InlineData(28)]
    [InlineData(50)]
    [InlineData(60)]
    [InlineData(112)]
    public void Esketamine_other_than_56_or_84_is_refused(int mg)
    {
        var plan = Plan(Route.EsketamineNasal, DoseBasis.FixedMg, mg);

        Assert.Equal(
            [$"Esketamine nasal is given as 56 mg (2 devices) or 84 mg (3 devices) of 28 mg, 5 minutes apart; {mg} mg is not a labelled dose."],
            plan.Validate(Ceilings).Problems);
    }

    [Fact]
    public void Esketamine_is_not_ordered_per_kg()
    {
        Assert.Equal(["Esketamine nasal is ordered in mg, not mg/kg."], Plan(Route.EsketamineNasal, DoseBasis.MgPerKg, 1m).Validate(Ceilings).Problems);
    }

    [Theory]
    [InlineData(Route.IntravenousInfusion)]
    [InlineData(Route.Intramuscular)]
    public void Iv_and_im_are_ordered_per_kg(Route route)
    {
        var plan = Plan(route, DoseBasis.FixedMg, 35m, 40);

        Assert.Contains("is ordered in mg/kg, not mg.", Assert.Single(plan.Validate(Ceilings).Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void An_iv_plan_needs_an_infusion_time()
    {
        var plan = Iv(0.5m, minutes: null);

        Assert.Equal(["An IV infusion needs an infusion time (the clinic default is 40 minutes)."], plan.Validate(Ceilings).Problems);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    [InlineData(39)]
    public void An_iv_infusion_under_40_minutes_is_refused(int minutes)
    {
        var plan = Iv(0.5m, minutes);

        Assert.Equal(
            [$"An IV infusion over {minutes} minutes is too fast: give it over at least 40 minutes. Fast injection is dangerous."],
            plan.Validate(Ceilings).Problems);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(60)]
    public void An_iv_infusion_of_40_minutes_or_more_is_valid(int minutes)
    {
        Ok(Iv(0.5m, minutes).Validate(Ceilings));
    }

    [Fact]
    public void Infusion_time_applies_only_to_iv()
    {
        var plan = Plan(Route.Intramuscular, DoseBasis.MgPerKg, 1m, 40);

        Assert.Null(plan.InfusionMinutes);
        Ok(plan.Validate(Ceilings));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    public void A_dose_of_zero_or_less_is_refused(double amount)
    {
        Assert.Contains("The planned dose must be more than 0.", Plan(Route.SublingualOral, DoseBasis.FixedMg, (decimal)amount).Validate(Ceilings).Problems);
    }

    [Fact]
    public void Every_problem_is_named_at_once()
    {
        var plan = Iv(1.2m, minutes: 10);

        var problems = plan.Validate(Ceilings).Problems;

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("too fast", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("anaesthetic", StringComparison.Ordinal));
    }

    [Fact]
    public void Ceilings_at_or_above_the_anaesthetic_range_are_refused_as_settings()
    {
        var result = (Ceilings with { IntravenousMgPerKg = 1.0m, IntramuscularMgPerKg = 6.5m, MinimumInfusionMinutes = 0, DefaultInfusionMinutes = -1, SublingualFixedMg = 0m }).Validate();

        Assert.Equal(5, result.Problems.Count);
    }
}
