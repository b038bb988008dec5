using Kap.Domain.Preparation;

namespace Kap.Domain.Tests.Preparation;

public sealed class ContraindicationCatalogueTests
{
    public static TheoryData<Contraindication> Every() => new(Enum.GetValues<Contraindication>());

    [Fact]
    public void Stored_values_never_change()
    {
        Assert.Equal(1, (int)Contraindication.AorticAneurysmalDisease);
        Assert.Equal(2, (int)Contraindication.IntracranialAneurysmalDisease);
        Assert.Equal(3, (int)Contraindication.PeripheralArterialAneurysmalDisease);
        Assert.Equal(4, (int)Contraindication.ArteriovenousMalformation);
        Assert.Equal(5, (int)Contraindication.IntracerebralHaemorrhageHistory);
        Assert.Equal(6, (int)Contraindication.KetamineOrEsketamineHypersensitivity);
        Assert.Equal(7, (int)Contraindication.SevereCoronaryOrMyocardialDisease);
        Assert.Equal(8, (int)Contraindication.RecentStroke);
        Assert.Equal(9, (int)Contraindication.CerebralTrauma);
        Assert.Equal(10, (int)Contraindication.EclampsiaOrPreEclampsia);
        Assert.Equal(11, (int)Contraindication.OtherBloodPressureRiseHazard);
        Assert.Equal(101, (int)Contraindication.PsychosisActiveOrHistory);
        Assert.Equal(102, (int)Contraindication.BipolarDisorderOrManiaHistory);
        Assert.Equal(103, (int)Contraindication.SubstanceUseDisorder);
        Assert.Equal(104, (int)Contraindication.HepaticImpairmentModerate);
        Assert.Equal(105, (int)Contraindication.HepaticImpairmentSevere);
        Assert.Equal(106, (int)Contraindication.InterstitialOrUlcerativeCystitis);
        Assert.Equal(107, (int)Contraindication.PregnancyOrBreastfeeding);
        Assert.Equal(108, (int)Contraindication.RaisedIntracranialOrIntraocularPressure);
        Assert.Equal(109, (int)Contraindication.RecentSeizures);
        Assert.Equal(110, (int)Contraindication.UncontrolledHypertension);
        Assert.Equal(0, (int)ContraindicationKind.HardStop);
        Assert.Equal(1, (int)ContraindicationKind.Flag);
    }

    [Fact]
    public void The_hard_stops_are_exactly_those_of_domain_md_section_2()
    {
        Contraindication[] expected =
        [
            Contraindication.AorticAneurysmalDisease, Contraindication.IntracranialAneurysmalDisease, Contraindication.PeripheralArterialAneurysmalDisease,
            Contraindication.ArteriovenousMalformation, Contraindication.IntracerebralHaemorrhageHistory, Contraindication.KetamineOrEsketamineHypersensitivity,
            Contraindication.SevereCoronaryOrMyocardialDisease, Contraindication.RecentStroke, Contraindication.CerebralTrauma,
            Contraindication.EclampsiaOrPreEclampsia, Contraindication.OtherBloodPressureRiseHazard,
        ];

        Assert.Equal(expected, ContraindicationCatalogue.HardStops.Select(h => h.Contraindication));
        Assert.All(expected, c => Assert.True(c.IsHardStop()));
    }

    [Fact]
    public void The_flags_are_exactly_those_of_domain_md_section_2()
    {
        Contraindication[] expected =
        [
            Contraindication.PsychosisActiveOrHistory, Contraindication.BipolarDisorderOrManiaHistory, Contraindication.SubstanceUseDisorder,
            Contraindication.HepaticImpairmentModerate, Contraindication.HepaticImpairmentSevere, Contraindication.InterstitialOrUlcerativeCystitis,
            Contraindication.PregnancyOrBreastfeeding, Contraindication.RaisedIntracranialOrIntraocularPressure, Contraindication.RecentSeizures,
            Contraindication.UncontrolledHypertension,
        ];

        Assert.Equal(expected, ContraindicationCatalogue.Flags.Select(f => f.Contraindication));
        Assert.All(expected, c => Assert.Equal(ContraindicationKind.Flag, c.Kind()));
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Every_entry_has_a_display_text_and_its_groups_source_key(Contraindication contraindication)
    {
        var info = contraindication.Info();

        Assert.Equal(contraindication, info.Contraindication);
        Assert.False(string.IsNullOrWhiteSpace(info.Display));
        Assert.Equal(info.Kind == ContraindicationKind.HardStop ? "SPV-LBL, KET-UK" : "SPV-LBL, SPV-HCP, MON, OXF", info.Source);
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Flags_carry_a_monitoring_note_and_hard_stops_none(Contraindication contraindication)
    {
        var info = contraindication.Info();

        if (info.Kind == ContraindicationKind.Flag)
        {
            Assert.False(string.IsNullOrWhiteSpace(info.MonitoringNote));
        }
        else
        {
            Assert.Null(info.MonitoringNote);
        }
    }

    [Fact]
    public void Hepatic_impairment_notes_follow_domain_md()
    {
        Assert.Equal("Longer monitoring after dosing.", Contraindication.HepaticImpairmentModerate.Info().MonitoringNote);
        Assert.Equal("Not recommended.", Contraindication.HepaticImpairmentSevere.Info().MonitoringNote);
    }

    [Fact]
    public void Display_texts_are_distinct()
    {
        Assert.Equal(ContraindicationCatalogue.All.Count, ContraindicationCatalogue.All.Select(a => a.Display).Distinct().Count());
        Assert.Equal(Enum.GetValues<Contraindication>().Length, ContraindicationCatalogue.All.Count);
    }

    [Fact]
    public void Raised_pressure_names_glaucoma_and_substance_use_names_alcohol()
    {
        Assert.Contains("glaucoma", Contraindication.RaisedIntracranialOrIntraocularPressure.Describe(), StringComparison.Ordinal);
        Assert.Contains("alcohol", Contraindication.SubstanceUseDisorder.Describe(), StringComparison.Ordinal);
    }
}
