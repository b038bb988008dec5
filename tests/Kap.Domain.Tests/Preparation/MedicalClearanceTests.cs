using Kap.Domain.Preparation;

namespace Kap.Domain.Tests.Preparation;

public sealed class MedicalClearanceTests
{
    private static readonly DateTime Now = new(2027, 2, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Course = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid Prescriber = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000001");
    private static readonly Guid OtherNp = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");
    private static readonly Guid Therapist = Guid.Parse("cccccccc-0000-0000-0000-000000000001");

    private static readonly ClearanceVitals GoodVitals = new(SystolicMmHg: 124, DiastolicMmHg: 78, HeartRateBpm: 70, WeightKg: 72.4m, HeightCm: 175m);

    public static TheoryData<Contraindication> HardStops() => new(ContraindicationCatalogue.HardStops.Select(h => h.Contraindication));

    public static TheoryData<Contraindication> Flags() => new(ContraindicationCatalogue.Flags.Select(f => f.Contraindication));

    private static MedicalClearance NewClearance() => new(Course, Prescriber, Prescriber, Now);

    /// <summary>A clearance with everything it must cover recorded and nothing found: ready to sign.</summary>
    private static MedicalClearance ReadyClearance()
    {
        var clearance = NewClearance();
        Ok(clearance.RecordVitals(GoodVitals, Now));
        Ok(clearance.RecordCardiacVascularHistory("None"));
        Ok(clearance.RecordMedications([new ClearanceMedication("Sertraline", "100 mg daily", MedicationInteraction.None)]));
        Ok(clearance.RecordPregnancyStatus(PregnancyStatus.NotPregnant));
        Ok(clearance.RecordAllergies("None known"));
        return clearance;
    }

    private static MedicalClearance WithFinding(Contraindication contraindication)
    {
        var clearance = ReadyClearance();
        Ok(clearance.RecordFinding(contraindication, Prescriber, Now, "Recorded at clearance"));
        return clearance;
    }

    private static void Ok(Kap.Domain.Common.DomainResult result) => Assert.True(result.IsSuccess, string.Join(" ", result.Problems));

    [Fact]
    public void A_clearance_with_everything_recorded_and_nothing_found_can_be_signed_by_the_prescribing_np()
    {
        var clearance = ReadyClearance();

        Assert.Empty(clearance.SigningProblems());
        Ok(clearance.Sign(Prescriber, isNursePractitioner: true, Now));

        Assert.True(clearance.IsSigned);
        Assert.Equal(Prescriber, clearance.SignedBy);
        Assert.Equal(Now, clearance.SignedAtUtc);
    }

    [Theory]
    [MemberData(nameof(HardStops))]
    public void A_hard_stop_cannot_be_overridden_even_by_the_prescribing_np_with_a_reason(Contraindication hardStop)
    {
        var clearance = WithFinding(hardStop);

        var result = clearance.Override(hardStop, "Cardiology says it is safe", Prescriber, isNursePractitioner: true, Now);

        Assert.False(result.IsSuccess);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("A hard stop cannot be overridden", problem, StringComparison.Ordinal);
        Assert.Contains(hardStop.Describe(), problem, StringComparison.Ordinal);
        Assert.Null(clearance.Findings.Single().Override);
        Assert.True(clearance.Findings.Single().IsOpen);
    }

    [Theory]
    [MemberData(nameof(HardStops))]
    public void Signing_is_refused_while_a_hard_stop_is_recorded_and_names_it(Contraindication hardStop)
    {
        var clearance = WithFinding(hardStop);

        var result = clearance.Sign(Prescriber, isNursePractitioner: true, Now);

        Assert.False(result.IsSuccess);
        var problem = Assert.Single(result.Problems);
        Assert.Equal($"Hard stop: {hardStop.Describe()}. Dosing is impossible while it is recorded; a hard stop cannot be overridden.", problem);
        Assert.False(clearance.IsSigned);
        Assert.False(clearance.IsCurrent(Now));
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void A_flag_is_overridden_by_the_prescribing_np_with_a_reason(Contraindication flag)
    {
        var clearance = WithFinding(flag);

        Ok(clearance.Override(flag, "  Stable for 5 years; psychiatrist agrees  ", Prescriber, isNursePractitioner: true, Now.AddMinutes(5)));

        var finding = Assert.Single(clearance.Findings);
        Assert.Equal(new SignedOverride("Stable for 5 years; psychiatrist agrees", Prescriber, Now.AddMinutes(5)), finding.Override);
        Assert.False(finding.IsOpen);
        Ok(clearance.Sign(Prescriber, isNursePractitioner: true, Now.AddMinutes(10)));
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void A_therapist_cannot_override_a_flag(Contraindication flag)
    {
        var clearance = WithFinding(flag);

        var result = clearance.Override(flag, "Patient is doing well", Therapist, isNursePractitioner: false, Now);

        Assert.Equal(["Only the course's prescribing nurse practitioner can override a flag."], result.Problems);
        Assert.Null(clearance.Findings.Single().Override);
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void Another_np_who_is_not_the_courses_prescriber_cannot_override_a_flag(Contraindication flag)
    {
        var clearance = WithFinding(flag);

        var result = clearance.Override(flag, "Covering today", OtherNp, isNursePractitioner: true, Now);

        Assert.Equal(["Only the course's prescribing nurse practitioner can override a flag."], result.Problems);
        Assert.Null(clearance.Findings.Single().Override);
    }

    [Fact]
    public void The_prescribers_id_without_the_np_role_cannot_override()
    {
        var clearance = WithFinding(Contraindication.RecentSeizures);

        var result = clearance.Override(Contraindication.RecentSeizures, "Reason", Prescriber, isNursePractitioner: false, Now);

        Assert.False(result.IsSuccess);
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void A_flag_override_without_a_reason_is_refused(Contraindication flag)
    {
        foreach (var blank in new[] { null, "", "   " })
        {
            var clearance = WithFinding(flag);

            var result = clearance.Override(flag, blank, Prescriber, isNursePractitioner: true, Now);

            Assert.Equal([$"Write the reason for overriding: {flag.Describe()}."], result.Problems);
            Assert.Null(clearance.Findings.Single().Override);
        }
    }

    [Fact]
    public void A_flag_that_was_not_recorded_cannot_be_overridden()
    {
        var clearance = ReadyClearance();

        var result = clearance.Override(Contraindication.RecentSeizures, "Reason", Prescriber, isNursePractitioner: true, Now);

        Assert.Contains("not recorded on this clearance", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void Signing_is_refused_while_a_flag_is_not_overridden_and_names_it(Contraindication flag)
    {
        var clearance = WithFinding(flag);

        var result = clearance.Sign(Prescriber, isNursePractitioner: true, Now);

        var problem = Assert.Single(result.Problems);
        Assert.Equal($"Flag not overridden: {flag.Describe()}. The prescribing nurse practitioner must override it with a written reason.", problem);
        Assert.False(clearance.IsSigned);
    }

    [Fact]
    public void Signing_names_every_open_flag_and_every_hard_stop_together()
    {
        var clearance = ReadyClearance();
        Ok(clearance.RecordFinding(Contraindication.RecentStroke, Prescriber, Now));
        Ok(clearance.RecordFinding(Contraindication.SubstanceUseDisorder, Prescriber, Now));
        Ok(clearance.RecordFinding(Contraindication.UncontrolledHypertension, Prescriber, Now));
        Ok(clearance.RecordFinding(Contraindication.RecentSeizures, Prescriber, Now));
        Ok(clearance.Override(Contraindication.RecentSeizures, "Last seizure 2019; neurologist agrees", Prescriber, true, Now));

        var problems = clearance.Sign(Prescriber, isNursePractitioner: true, Now).Problems;

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains(Contraindication.RecentStroke.Describe(), StringComparison.Ordinal) && p.StartsWith("Hard stop", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(Contraindication.SubstanceUseDisorder.Describe(), StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains(Contraindication.UncontrolledHypertension.Describe(), StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains(Contraindication.RecentSeizures.Describe(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_therapist_cannot_sign_a_medical_clearance()
    {
        var clearance = ReadyClearance();

        var result = clearance.Sign(Therapist, isNursePractitioner: false, Now);

        Assert.Equal(["Only the course's prescribing nurse practitioner can sign the medical clearance."], result.Problems);
        Assert.False(clearance.IsSigned);
    }

    [Fact]
    public void An_np_who_is_not_the_courses_prescriber_cannot_sign()
    {
        var clearance = ReadyClearance();

        Assert.False(clearance.Sign(OtherNp, isNursePractitioner: true, Now).IsSuccess);
        Assert.False(clearance.IsSigned);
    }

    [Fact]
    public void Signing_is_refused_with_incomplete_vitals_naming_each_missing_one()
    {
        var clearance = ReadyClearance();
        Ok(clearance.RecordVitals(new ClearanceVitals(130, 85, null, 80m, null), Now));

        var result = clearance.Sign(Prescriber, isNursePractitioner: true, Now);

        Assert.Equal(["Vitals incomplete: record the heart rate, height."], result.Problems);
    }

    [Fact]
    public void A_new_clearance_names_everything_it_must_cover()
    {
        var problems = NewClearance().Sign(Prescriber, isNursePractitioner: true, Now).Problems;

        Assert.Equal(
        [
            "Vitals incomplete: record the systolic blood pressure, diastolic blood pressure, heart rate, weight, height.",
            "Record the pregnancy status (not applicable, not pregnant, pregnant or breastfeeding).",
            "Record the cardiac and vascular history (\"none\" if there is none).",
            "Record the current medications (an empty list if there are none).",
            "Record the allergies (\"none known\" if there are none).",
        ], problems);
    }

    [Theory]
    [InlineData(PregnancyStatus.Pregnant)]
    [InlineData(PregnancyStatus.Breastfeeding)]
    public void Pregnant_or_breastfeeding_needs_the_flag_recorded_and_overridden_to_sign(PregnancyStatus status)
    {
        var clearance = ReadyClearance();
        Ok(clearance.RecordPregnancyStatus(status));

        var withoutFlag = clearance.Sign(Prescriber, isNursePractitioner: true, Now);
        Assert.Contains("record the flag \"Pregnancy or breastfeeding\"", Assert.Single(withoutFlag.Problems), StringComparison.Ordinal);

        Ok(clearance.RecordFinding(Contraindication.PregnancyOrBreastfeeding, Prescriber, Now));
        var notOverridden = clearance.Sign(Prescriber, isNursePractitioner: true, Now);
        Assert.StartsWith("Flag not overridden: Pregnancy or breastfeeding", Assert.Single(notOverridden.Problems), StringComparison.Ordinal);

        Ok(clearance.Override(Contraindication.PregnancyOrBreastfeeding, "Severe refractory depression; obstetrician consulted", Prescriber, true, Now));
        Ok(clearance.Sign(Prescriber, isNursePractitioner: true, Now));
    }

    [Theory]
    [InlineData(PregnancyStatus.NotApplicable)]
    [InlineData(PregnancyStatus.NotPregnant)]
    public void Not_pregnant_or_not_applicable_needs_no_flag(PregnancyStatus status)
    {
        var clearance = ReadyClearance();
        Ok(clearance.RecordPregnancyStatus(status));

        Ok(clearance.Sign(Prescriber, isNursePractitioner: true, Now));
    }

    [Fact]
    public void An_empty_medication_list_records_no_current_medications()
    {
        var clearance = ReadyClearance();
        Ok(clearance.RecordMedications([]));

        Assert.True(clearance.MedicationsRecorded);
        Ok(clearance.Sign(Prescriber, isNursePractitioner: true, Now));
    }

    [Fact]
    public void Medication_flags_are_shown_but_never_block_signing()
    {
        var clearance = ReadyClearance();
        Ok(clearance.RecordMedications(
        [
            new ClearanceMedication("Clonazepam", "1 mg at night", MedicationInteraction.Benzodiazepine),
            new ClearanceMedication("Lamotrigine", "200 mg", MedicationInteraction.Lamotrigine),
            new ClearanceMedication("Phenelzine", "15 mg tds", MedicationInteraction.Maoi),
            new ClearanceMedication("Methylphenidate", "20 mg", MedicationInteraction.Psychostimulant),
            new ClearanceMedication("Zolpidem", "10 mg", MedicationInteraction.NonBenzodiazepineHypnotic),
            new ClearanceMedication("Carbamazepine", "400 mg", MedicationInteraction.Cyp2b6Or3a4Modulator),
        ]));

        Assert.Equal(6, clearance.MedicationWarnings.Count);
        Assert.Contains(clearance.MedicationWarnings, w => w.MedicationName == "Lamotrigine" && w.Text == "Lamotrigine: its effect is unknown.");
        Ok(clearance.Sign(Prescriber, isNursePractitioner: true, Now));
    }

    [Fact]
    public void An_unnamed_medication_is_refused()
    {
        var clearance = NewClearance();

        Assert.False(clearance.RecordMedications([new ClearanceMedication("  ", "10 mg", MedicationInteraction.None)]).IsSuccess);
        Assert.False(clearance.MedicationsRecorded);
    }

    [Fact]
    public void Another_bp_hazard_needs_a_note_saying_what_it_is()
    {
        var clearance = NewClearance();

        Assert.False(clearance.RecordFinding(Contraindication.OtherBloodPressureRiseHazard, Prescriber, Now).IsSuccess);
        Ok(clearance.RecordFinding(Contraindication.OtherBloodPressureRiseHazard, Prescriber, Now, "Phaeochromocytoma"));

        Assert.Equal("Phaeochromocytoma", clearance.Findings.Single().Note);
    }

    [Fact]
    public void Recording_a_finding_twice_keeps_one()
    {
        var clearance = NewClearance();
        Ok(clearance.RecordFinding(Contraindication.RecentSeizures, Prescriber, Now));
        Ok(clearance.RecordFinding(Contraindication.RecentSeizures, Prescriber, Now.AddMinutes(1)));

        Assert.Single(clearance.Findings);
    }

    [Fact]
    public void Hepatic_impairment_is_moderate_or_severe_not_both()
    {
        var clearance = NewClearance();
        Ok(clearance.RecordFinding(Contraindication.HepaticImpairmentModerate, Prescriber, Now));

        var result = clearance.RecordFinding(Contraindication.HepaticImpairmentSevere, Prescriber, Now);

        Assert.False(result.IsSuccess);
        Assert.Single(clearance.Findings);
    }

    [Fact]
    public void Blank_history_and_allergies_are_refused()
    {
        var clearance = NewClearance();

        Assert.False(clearance.RecordCardiacVascularHistory(" ").IsSuccess);
        Assert.False(clearance.RecordAllergies("").IsSuccess);
        Assert.Null(clearance.CardiacVascularHistory);
        Assert.Null(clearance.Allergies);
    }

    [Fact]
    public void A_signed_clearance_is_frozen()
    {
        var clearance = ReadyClearance();
        Ok(clearance.Sign(Prescriber, isNursePractitioner: true, Now));

        Assert.False(clearance.RecordFinding(Contraindication.RecentStroke, Prescriber, Now).IsSuccess);
        Assert.False(clearance.RecordVitals(GoodVitals with { SystolicMmHg = 150 }, Now).IsSuccess);
        Assert.False(clearance.RecordAllergies("Penicillin").IsSuccess);
        Assert.False(clearance.RecordCardiacVascularHistory("Angina").IsSuccess);
        Assert.False(clearance.RecordPregnancyStatus(PregnancyStatus.Pregnant).IsSuccess);
        Assert.False(clearance.RecordMedications([]).IsSuccess);
        Assert.False(clearance.Sign(Prescriber, isNursePractitioner: true, Now.AddDays(1)).IsSuccess);
        Assert.Empty(clearance.Findings);
        Assert.Equal(Now, clearance.SignedAtUtc);
    }

    [Fact]
    public void Implausible_vitals_are_refused_and_not_stored()
    {
        var clearance = NewClearance();

        var result = clearance.RecordVitals(GoodVitals with { WeightKg = 700m }, Now);

        Assert.False(result.IsSuccess);
        Assert.Equal(ClearanceVitals.Empty, clearance.Vitals);
        Assert.Null(clearance.VitalsRecordedAtUtc);
    }

    [Fact]
    public void Recorded_vitals_give_the_bmi_and_when_they_were_taken()
    {
        var clearance = NewClearance();
        Ok(clearance.RecordVitals(GoodVitals, Now));

        Assert.Equal(23.6m, clearance.Bmi);
        Assert.Equal(Now, clearance.VitalsRecordedAtUtc);
    }

    [Fact]
    public void An_unsigned_clearance_is_never_current()
    {
        var clearance = ReadyClearance();

        Assert.False(clearance.IsCurrent(Now));
        Assert.Null(clearance.ExpiresAtUtc());
    }

    [Fact]
    public void A_signed_clearance_is_current_through_day_90_and_not_after()
    {
        var clearance = ReadyClearance();
        Ok(clearance.Sign(Prescriber, isNursePractitioner: true, Now));

        Assert.True(clearance.IsCurrent(Now));
        Assert.True(clearance.IsCurrent(Now.AddDays(89)));
        Assert.True(clearance.IsCurrent(Now.AddDays(90)));
        Assert.False(clearance.IsCurrent(Now.AddDays(90).AddMinutes(1)));
        Assert.False(clearance.IsCurrent(Now.AddDays(91)));
        Assert.Equal(Now.AddDays(90), clearance.ExpiresAtUtc());
    }

    [Fact]
    public void The_validity_window_is_a_setting()
    {
        var clearance = ReadyClearance();
        Ok(clearance.Sign(Prescriber, isNursePractitioner: true, Now));

        Assert.True(clearance.IsCurrent(Now.AddDays(30), validityDays: 30));
        Assert.False(clearance.IsCurrent(Now.AddDays(31), validityDays: 30));
        Assert.True(clearance.IsCurrent(Now.AddDays(120), validityDays: 180));
    }

    [Fact]
    public void A_new_clearance_belongs_to_its_course_and_prescriber()
    {
        var clearance = NewClearance();

        Assert.Equal(Course, clearance.CourseId);
        Assert.Equal(Prescriber, clearance.PrescriberId);
        Assert.Equal(PregnancyStatus.Unknown, clearance.PregnancyStatus);
        Assert.NotEqual(Guid.Empty, clearance.Id);
        Assert.False(clearance.MedicationsRecorded);
    }
}
