using Kap.Domain.Preparation;

namespace Kap.Domain.Tests.Preparation;

public sealed class MedicationInteractionTests
{
    public static TheoryData<MedicationInteraction> Every() => new(MedicationInteractionCatalogue.All);

    [Fact]
    public void Stored_values_never_change()
    {
        Assert.Equal(0, (int)MedicationInteraction.None);
        Assert.Equal(1, (int)MedicationInteraction.Benzodiazepine);
        Assert.Equal(2, (int)MedicationInteraction.NonBenzodiazepineHypnotic);
        Assert.Equal(4, (int)MedicationInteraction.Psychostimulant);
        Assert.Equal(8, (int)MedicationInteraction.Maoi);
        Assert.Equal(16, (int)MedicationInteraction.Cyp2b6Or3a4Modulator);
        Assert.Equal(32, (int)MedicationInteraction.Lamotrigine);
        Assert.Equal(6, MedicationInteractionCatalogue.All.Count);
    }

    [Fact]
    public void Lamotrigine_says_its_effect_is_unknown_and_nothing_more()
    {
        Assert.Equal("Lamotrigine: its effect is unknown.", MedicationInteraction.Lamotrigine.Describe());
    }

    [Fact]
    public void Benzodiazepines_may_blunt_response_with_the_8_mg_diazepam_equivalent_note()
    {
        var text = MedicationInteraction.Benzodiazepine.Describe();

        Assert.Contains("may blunt the response", text, StringComparison.Ordinal);
        Assert.Contains("8 mg diazepam-equivalent", text, StringComparison.Ordinal);
        Assert.Contains("non-response", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MedicationInteraction.Psychostimulant)]
    [InlineData(MedicationInteraction.Maoi)]
    public void Stimulants_and_maois_raise_blood_pressure_monitor_closely(MedicationInteraction interaction)
    {
        var text = interaction.Describe();

        Assert.Contains("raises blood pressure", text, StringComparison.Ordinal);
        Assert.Contains("Monitor closely", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void No_medication_flag_blocks(MedicationInteraction interaction)
    {
        Assert.False(interaction.Blocks());
        Assert.False(string.IsNullOrWhiteSpace(interaction.Describe()));
    }

    [Fact]
    public void A_medication_with_several_flags_gives_one_warning_each()
    {
        var medication = new ClearanceMedication(" Modafinil ", "100 mg mornings", MedicationInteraction.Psychostimulant | MedicationInteraction.Cyp2b6Or3a4Modulator);

        var warnings = medication.Warnings.ToList();

        Assert.Equal("Modafinil", medication.Name);
        Assert.Equal([MedicationInteraction.Psychostimulant, MedicationInteraction.Cyp2b6Or3a4Modulator], warnings.Select(w => w.Interaction));
        Assert.All(warnings, w => Assert.Equal("Modafinil", w.MedicationName));
        Assert.All(warnings, w => Assert.Equal("AND17b, BZD, JNJ-MAOI, PMF", w.Source));
    }

    [Fact]
    public void A_medication_without_flags_has_no_warnings()
    {
        Assert.Empty(new ClearanceMedication("Sertraline", "100 mg", MedicationInteraction.None).Warnings);
    }
}
