using Kap.Domain.Preparation;

namespace Kap.Domain.Tests.Preparation;

public sealed class ClearanceVitalsTests
{
    private static readonly ClearanceVitals Good = new(124, 78, 70, 72.4m, 175m);

    [Theory]
    [InlineData(72.4, 175, 23.6)] // 72.4 / 1.75² = 23.640…
    [InlineData(80, 180, 24.7)] // 80 / 3.24 = 24.691…
    [InlineData(60, 150, 26.7)] // 60 / 2.25 = 26.666…
    [InlineData(100, 200, 25.0)] // exact
    [InlineData(55.5, 160, 21.7)] // 55.5 / 2.56 = 21.679…
    [InlineData(30, 230, 5.7)] // the plausible extremes still compute
    [InlineData(300, 120, 208.3)]
    public void Bmi_is_weight_over_height_in_metres_squared_to_one_decimal(double weightKg, double heightCm, double expected)
    {
        var vitals = Good with { WeightKg = (decimal)weightKg, HeightCm = (decimal)heightCm };

        Assert.Equal((decimal)expected, vitals.Bmi);
    }

    [Fact]
    public void Bmi_rounds_half_away_from_zero()
    {
        // 64.8 / 1.8² = 20.0 exactly; 65.07 / 1.8² = 20.083…; 64.962 / 1.8² = 20.05 exactly → 20.1
        Assert.Equal(20.1m, ClearanceVitals.ComputeBmi(64.962m, 180m));
        Assert.Equal(20.0m, ClearanceVitals.ComputeBmi(64.8m, 180m));
    }

    [Fact]
    public void Bmi_is_unknown_without_weight_or_height()
    {
        Assert.Null((Good with { HeightCm = null }).Bmi);
        Assert.Null((Good with { WeightKg = null }).Bmi);
    }

    [Fact]
    public void Plausible_vitals_pass()
    {
        Assert.True(Good.Validate().IsSuccess);
        Assert.True(Good.IsComplete);
        Assert.True(ClearanceVitals.Empty.Validate().IsSuccess);
        Assert.False(ClearanceVitals.Empty.IsComplete);
    }

    [Theory]
    [InlineData(60, true)]
    [InlineData(59, false)]
    [InlineData(260, true)]
    [InlineData(261, false)]
    public void Systolic_is_plausible_from_60_to_260(int systolic, bool ok)
    {
        var result = (Good with { SystolicMmHg = systolic, DiastolicMmHg = 40 }).Validate();

        Assert.Equal(ok, result.IsSuccess);
        if (!ok)
        {
            Assert.Equal([$"Systolic blood pressure {systolic} mmHg is outside the plausible range 60–260 mmHg; check the reading."], result.Problems);
        }
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(29, false)]
    [InlineData(160, true)]
    [InlineData(161, false)]
    public void Diastolic_is_plausible_from_30_to_160(int diastolic, bool ok)
    {
        var result = (Good with { SystolicMmHg = 200, DiastolicMmHg = diastolic }).Validate();

        Assert.Equal(ok, result.IsSuccess);
        if (!ok)
        {
            Assert.Equal([$"Diastolic blood pressure {diastolic} mmHg is outside the plausible range 30–160 mmHg; check the reading."], result.Problems);
        }
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(29, false)]
    [InlineData(220, true)]
    [InlineData(221, false)]
    public void Heart_rate_is_plausible_from_30_to_220(int heartRate, bool ok)
    {
        var result = (Good with { HeartRateBpm = heartRate }).Validate();

        Assert.Equal(ok, result.IsSuccess);
        if (!ok)
        {
            Assert.Equal([$"Heart rate {heartRate} beats/min is outside the plausible range 30–220 beats/min; check the reading."], result.Problems);
        }
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(29.9, false)]
    [InlineData(300, true)]
    [InlineData(300.1, false)]
    public void Weight_is_plausible_from_30_to_300_kg(double weightKg, bool ok)
    {
        var result = (Good with { WeightKg = (decimal)weightKg }).Validate();

        Assert.Equal(ok, result.IsSuccess);
        if (!ok)
        {
            Assert.EndsWith("kg is outside the plausible range 30–300 kg; check the reading.", Assert.Single(result.Problems), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(120, true)]
    [InlineData(119.9, false)]
    [InlineData(230, true)]
    [InlineData(230.5, false)]
    public void Height_is_plausible_from_120_to_230_cm(double heightCm, bool ok)
    {
        var result = (Good with { HeightCm = (decimal)heightCm }).Validate();

        Assert.Equal(ok, result.IsSuccess);
        if (!ok)
        {
            Assert.EndsWith("cm is outside the plausible range 120–230 cm; check the reading.", Assert.Single(result.Problems), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Diastolic_at_or_above_systolic_is_refused()
    {
        var result = (Good with { SystolicMmHg = 90, DiastolicMmHg = 90 }).Validate();

        Assert.Equal(["Diastolic blood pressure (90 mmHg) must be lower than systolic (90 mmHg); check the reading."], result.Problems);
    }

    [Fact]
    public void Every_implausible_value_is_named()
    {
        var result = new ClearanceVitals(20, 10, 500, 900m, 40m).Validate();

        Assert.Equal(5, result.Problems.Count);
    }
}
