using Kap.Domain.Dosing;

namespace Kap.Domain.Tests.Dosing;

public sealed class AlertAndSedationTests
{
    private static VitalSigns Vitals(int systolic, int diastolic, int spo2) =>
        new(new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc), systolic, diastolic, 80, spo2);

    [Theory]
    [InlineData(179, 109, 92, VitalsAlert.None)]
    [InlineData(180, 109, 92, VitalsAlert.SevereBloodPressure)]
    [InlineData(179, 110, 92, VitalsAlert.SevereBloodPressure)]
    [InlineData(120, 80, 92, VitalsAlert.None)]
    [InlineData(120, 80, 91, VitalsAlert.LowOxygenSaturation)]
    [InlineData(190, 115, 88, VitalsAlert.SevereBloodPressure | VitalsAlert.LowOxygenSaturation)]
    public void Alert_tiers_at_their_edges(int systolic, int diastolic, int spo2, VitalsAlert expected)
    {
        Assert.Equal(expected, AlertTiers.Classify(Vitals(systolic, diastolic, spo2)));
    }

    [Theory]
    [InlineData(5, 5, SedationLevel.None)]
    [InlineData(4, 5, SedationLevel.None)]
    [InlineData(5, 4, SedationLevel.Sedation)]
    [InlineData(5, 1, SedationLevel.Sedation)]
    [InlineData(3, 2, SedationLevel.Sedation)]
    [InlineData(5, 0, SedationLevel.LossOfConsciousness)]
    [InlineData(0, 0, SedationLevel.LossOfConsciousness)]
    public void Sedation_classes(int baseline, int current, SedationLevel expected)
    {
        var level = Sedation.Classify(baseline, current);

        Assert.Equal(expected, level);
        Assert.Equal(expected == SedationLevel.LossOfConsciousness, level.IsAdverseEvent());
    }

    [Theory]
    [InlineData(-1, 3)]
    [InlineData(6, 3)]
    [InlineData(5, -1)]
    [InlineData(5, 6)]
    public void Moaas_outside_0_to_5_is_rejected(int baseline, int current)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sedation.Classify(baseline, current));
    }

    [Fact]
    public void Stored_values_never_change()
    {
        Assert.Equal(0, (int)SedationLevel.None);
        Assert.Equal(1, (int)SedationLevel.Sedation);
        Assert.Equal(2, (int)SedationLevel.LossOfConsciousness);
        Assert.Equal(1, (int)VitalsAlert.SevereBloodPressure);
        Assert.Equal(2, (int)VitalsAlert.LowOxygenSaturation);
    }
}
