using Kap.Domain.Dosing;
using Kap.Domain.Preparation;

namespace Kap.Domain.Tests.Dosing;

public sealed class PreDoseRulesTests
{
    private static readonly DosingSessionSettings Settings = DosingSessionSettings.Default;

    private static readonly PreDoseChecklist Complete = new(
        ConsentCurrent: true,
        ClearanceCurrent: true,
        FastingConfirmed: true,
        EscortConfirmed: true,
        NoAlcohol24HoursConfirmed: true,
        MedicationFlagsReviewed: true,
        BaselineMoaas: 5,
        CssrsHighRisk: false,
        Systolic: 124,
        Diastolic: 78,
        BpOverride: null,
        CourseInDosingPhase: true,
        HoursSinceLastDose: 72);

    private static SignedOverride Override(string reason) =>
        new(reason, Guid.NewGuid(), new DateTime(2026, 11, 24, 9, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void A_complete_checklist_passes()
    {
        Assert.True(PreDoseRules.Check(Complete, Settings).IsSuccess);
    }

    [Fact]
    public void A_first_dose_has_no_interval_to_check()
    {
        Assert.True(PreDoseRules.Check(Complete with { HoursSinceLastDose = null }, Settings).IsSuccess);
    }

    public static TheoryData<string, PreDoseChecklist> EachItemAlone() => new()
    {
        { "Consent", Complete with { ConsentCurrent = false } },
        { "Clearance", Complete with { ClearanceCurrent = false } },
        { "Fasting", Complete with { FastingConfirmed = false } },
        { "Escort", Complete with { EscortConfirmed = false } },
        { "Alcohol", Complete with { NoAlcohol24HoursConfirmed = false } },
        { "Medication flags", Complete with { MedicationFlagsReviewed = false } },
        { "Baseline MOAA/S", Complete with { BaselineMoaas = null } },
        { "Baseline MOAA/S", Complete with { BaselineMoaas = 6 } },
        { "Baseline MOAA/S", Complete with { BaselineMoaas = -1 } },
        { "C-SSRS", Complete with { CssrsHighRisk = null } },
        { "C-SSRS", Complete with { CssrsHighRisk = true } },
        { "Blood pressure", Complete with { Systolic = null } },
        { "Blood pressure", Complete with { Diastolic = null } },
        { "Blood pressure", Complete with { Systolic = 150, Diastolic = 95 } },
        { "Course phase", Complete with { CourseInDosingPhase = false } },
        { "Interval", Complete with { HoursSinceLastDose = 47 } },
    };

    [Theory]
    [MemberData(nameof(EachItemAlone))]
    public void Each_unmet_item_refuses_alone_and_is_named(string name, PreDoseChecklist checklist)
    {
        var result = PreDoseRules.Check(checklist, Settings);

        Assert.False(result.IsSuccess);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith(name + ":", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_unmet_item_is_named_together()
    {
        var nothing = new PreDoseChecklist(false, false, false, false, false, false, null, null, null, null, null, false, 1);

        Assert.Equal(11, PreDoseRules.Check(nothing, Settings).Problems.Count);
    }

    [Theory]
    [InlineData(139, 89, false)]
    [InlineData(140, 89, true)]
    [InlineData(139, 90, true)]
    [InlineData(140, 90, true)]
    [InlineData(100, 60, false)]
    public void Bp_at_or_over_either_number_is_over_the_threshold(int systolic, int diastolic, bool over)
    {
        Assert.Equal(over, PreDoseRules.IsOverThreshold(systolic, diastolic, Settings));
        Assert.Equal(!over, PreDoseRules.Check(Complete with { Systolic = systolic, Diastolic = diastolic }, Settings).IsSuccess);
    }

    [Theory]
    [InlineData(140, 89)]
    [InlineData(139, 90)]
    [InlineData(185, 112)]
    public void Bp_over_the_threshold_passes_with_an_override_with_a_reason(int systolic, int diastolic)
    {
        var checklist = Complete with { Systolic = systolic, Diastolic = diastolic, BpOverride = Override("White-coat; home readings 128/80.") };

        Assert.True(PreDoseRules.Check(checklist, Settings).IsSuccess);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_override_without_a_reason_is_refused(string reason)
    {
        var checklist = Complete with { Systolic = 140, Diastolic = 89, BpOverride = Override(reason) };

        var problem = Assert.Single(PreDoseRules.Check(checklist, Settings).Problems);
        Assert.Contains("140/89", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_override_does_not_replace_a_missing_bp()
    {
        var checklist = Complete with { Systolic = null, Diastolic = null, BpOverride = Override("Cuff broken.") };

        Assert.StartsWith("Blood pressure:", Assert.Single(PreDoseRules.Check(checklist, Settings).Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(47, false)]
    [InlineData(47.99, false)]
    [InlineData(48, true)]
    [InlineData(200, true)]
    public void The_minimum_interval_is_48_hours_by_default(double hours, bool ok)
    {
        Assert.Equal(ok, PreDoseRules.Check(Complete with { HoursSinceLastDose = hours }, Settings).IsSuccess);
    }

    [Fact]
    public void Thresholds_follow_the_clinic_settings()
    {
        var strict = Settings with { BpSystolicThreshold = 130, BpDiastolicThreshold = 85, MinimumIntervalHours = 72 };

        Assert.False(PreDoseRules.Check(Complete with { Systolic = 130, Diastolic = 70 }, strict).IsSuccess);
        Assert.False(PreDoseRules.Check(Complete with { Systolic = 120, Diastolic = 85 }, strict).IsSuccess);
        Assert.False(PreDoseRules.Check(Complete with { HoursSinceLastDose = 71 }, strict).IsSuccess);
        Assert.True(PreDoseRules.Check(Complete, strict).IsSuccess);
    }

    [Fact]
    public void Default_settings_are_valid()
    {
        Assert.True(Settings.Validate().IsSuccess);
        Assert.False((Settings with { EsketamineMonitoringMinutes = 60 }).Validate().IsSuccess);
    }

    [Fact]
    public void Fasting_window_is_by_route()
    {
        Assert.Equal(TimeSpan.FromHours(6), FastingRule.For(Route.IntravenousInfusion).NoFoodFor);
        Assert.Equal(TimeSpan.FromHours(2), FastingRule.For(Route.IntravenousInfusion).NoClearLiquidsFor);
        Assert.Equal(FastingRule.Standard, FastingRule.For(Route.Intramuscular));
        Assert.Equal(FastingRule.Standard, FastingRule.For(Route.SublingualOral));
        Assert.Equal(FastingRule.Standard, FastingRule.For(Route.IntranasalRacemic));
        Assert.Equal(TimeSpan.FromHours(2), FastingRule.For(Route.EsketamineNasal).NoFoodFor);
        Assert.Equal(TimeSpan.FromMinutes(30), FastingRule.For(Route.EsketamineNasal).NoClearLiquidsFor);
        Assert.Equal("No food in the 6 h before dosing; no liquids in the 2 h before dosing.", FastingRule.Standard.Text);
        Assert.Equal("No food in the 2 h before dosing; no liquids in the 30 min before dosing.", FastingRule.Esketamine.Text);
    }
}
