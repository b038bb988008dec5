namespace Kap.Domain.Preparation;

/// <summary>
/// The contraindication checklist of a medical clearance (domain.md §2). Stored as numbers: never
/// renumber. Hard stops are 1–99 and flags 101–199, so a stored value alone says which kind it is and
/// new entries can be added to either group without moving the others.
/// </summary>
public enum Contraindication
{
    // Hard stops [S: SPV-LBL, KET-UK]
    AorticAneurysmalDisease = 1,
    IntracranialAneurysmalDisease = 2,
    PeripheralArterialAneurysmalDisease = 3,
    ArteriovenousMalformation = 4,
    IntracerebralHaemorrhageHistory = 5,
    KetamineOrEsketamineHypersensitivity = 6,
    SevereCoronaryOrMyocardialDisease = 7,
    RecentStroke = 8,
    CerebralTrauma = 9,
    EclampsiaOrPreEclampsia = 10,

    /// <summary>
    /// The label's wording is "any condition in which a rise in blood pressure would be a serious
    /// hazard"; the named conditions are examples, so the NP can record another one (with a note).
    /// </summary>
    OtherBloodPressureRiseHazard = 11,

    // Flags needing the prescriber's signed override [S: SPV-LBL, SPV-HCP, MON, OXF]
    PsychosisActiveOrHistory = 101,
    BipolarDisorderOrManiaHistory = 102,
    SubstanceUseDisorder = 103,
    HepaticImpairmentModerate = 104,
    HepaticImpairmentSevere = 105,
    InterstitialOrUlcerativeCystitis = 106,
    PregnancyOrBreastfeeding = 107,
    RaisedIntracranialOrIntraocularPressure = 108,
    RecentSeizures = 109,
    UncontrolledHypertension = 110,
}

/// <summary>Stored as numbers: never renumber.</summary>
public enum ContraindicationKind
{
    /// <summary>Dosing is impossible while it is recorded; nobody can override it.</summary>
    HardStop = 0,

    /// <summary>Dosing may go ahead only with the prescribing NP's override and a written reason.</summary>
    Flag = 1,
}

/// <summary>
/// What the clinician sees about one contraindication. <see cref="Source"/> is the source key of
/// domain.md; domain.md cites its sources per group (hard stops, flags), so every item of a group
/// carries the group's key. <see cref="MonitoringNote"/> is what an override commits the team to.
/// </summary>
public sealed record ContraindicationInfo(
    Contraindication Contraindication,
    ContraindicationKind Kind,
    string Display,
    string Source,
    string? MonitoringNote,
    bool NeedsNote = false);

public static class ContraindicationCatalogue
{
    public const string HardStopSource = "SPV-LBL, KET-UK";
    public const string FlagSource = "SPV-LBL, SPV-HCP, MON, OXF";

    private const string BloodPressureHazard = " (a rise in blood pressure would be a serious hazard)";

    private static readonly Dictionary<Contraindication, ContraindicationInfo> Entries = new ContraindicationInfo[]
    {
        HardStop(Contraindication.AorticAneurysmalDisease, "Aneurysmal vascular disease of the aorta (thoracic or abdominal)"),
        HardStop(Contraindication.IntracranialAneurysmalDisease, "Intracranial aneurysmal vascular disease"),
        HardStop(Contraindication.PeripheralArterialAneurysmalDisease, "Peripheral arterial aneurysmal vascular disease"),
        HardStop(Contraindication.ArteriovenousMalformation, "Arteriovenous malformation"),
        HardStop(Contraindication.IntracerebralHaemorrhageHistory, "History of intracerebral haemorrhage"),
        HardStop(Contraindication.KetamineOrEsketamineHypersensitivity, "Hypersensitivity to ketamine or esketamine"),
        HardStop(Contraindication.SevereCoronaryOrMyocardialDisease, "Severe coronary or myocardial disease" + BloodPressureHazard),
        HardStop(Contraindication.RecentStroke, "Recent stroke" + BloodPressureHazard),
        HardStop(Contraindication.CerebralTrauma, "Cerebral trauma" + BloodPressureHazard),
        HardStop(Contraindication.EclampsiaOrPreEclampsia, "Eclampsia or pre-eclampsia" + BloodPressureHazard),
        HardStop(Contraindication.OtherBloodPressureRiseHazard, "Another condition in which a rise in blood pressure would be a serious hazard", needsNote: true),

        Flag(Contraindication.PsychosisActiveOrHistory, "Active psychosis or a history of psychosis",
            "Watch for psychotic symptoms during and after dosing."),
        Flag(Contraindication.BipolarDisorderOrManiaHistory, "Bipolar disorder or a history of mania",
            "Untreated or unstable bipolar disorder is a stop unless overridden; watch for signs of mania."),
        Flag(Contraindication.SubstanceUseDisorder, "Substance use disorder, including alcohol",
            "Ketamine can be misused: watch for signs of misuse or craving."),
        Flag(Contraindication.HepaticImpairmentModerate, "Moderate hepatic impairment",
            "Longer monitoring after dosing."),
        Flag(Contraindication.HepaticImpairmentSevere, "Severe hepatic impairment",
            "Not recommended."),
        Flag(Contraindication.InterstitialOrUlcerativeCystitis, "Interstitial or ulcerative cystitis",
            "Ketamine can cause urinary tract symptoms: ask about them at each session."),
        Flag(Contraindication.PregnancyOrBreastfeeding, "Pregnancy or breastfeeding",
            "Not recommended during pregnancy or while breastfeeding."),
        Flag(Contraindication.RaisedIntracranialOrIntraocularPressure, "Raised intracranial or intraocular pressure (e.g. glaucoma)",
            "Ketamine can raise intracranial and intraocular pressure: monitor closely."),
        Flag(Contraindication.RecentSeizures, "Recent seizures",
            "Watch for seizures during and after dosing."),
        Flag(Contraindication.UncontrolledHypertension, "Uncontrolled hypertension",
            "Blood pressure rises after dosing and peaks about 40 minutes in: check the pre-dose BP against the clinic threshold and monitor it closely."),
    }.ToDictionary(e => e.Contraindication);

    /// <summary>Every entry, hard stops first, in checklist order.</summary>
    public static IReadOnlyList<ContraindicationInfo> All { get; } = Entries.Values.OrderBy(e => (int)e.Contraindication).ToArray();

    public static IReadOnlyList<ContraindicationInfo> HardStops { get; } = All.Where(e => e.Kind == ContraindicationKind.HardStop).ToArray();

    public static IReadOnlyList<ContraindicationInfo> Flags { get; } = All.Where(e => e.Kind == ContraindicationKind.Flag).ToArray();

    public static ContraindicationInfo Info(this Contraindication contraindication) =>
        Entries.TryGetValue(contraindication, out var info)
            ? info
            : throw new ArgumentOutOfRangeException(nameof(contraindication), contraindication, "Not in the contraindication catalogue.");

    public static ContraindicationKind Kind(this Contraindication contraindication) => contraindication.Info().Kind;

    public static bool IsHardStop(this Contraindication contraindication) => contraindication.Kind() == ContraindicationKind.HardStop;

    public static string Describe(this Contraindication contraindication) => contraindication.Info().Display;

    private static ContraindicationInfo HardStop(Contraindication c, string display, bool needsNote = false) =>
        new(c, ContraindicationKind.HardStop, display, HardStopSource, null, needsNote);

    private static ContraindicationInfo Flag(Contraindication c, string display, string monitoringNote) =>
        new(c, ContraindicationKind.Flag, display, FlagSource, monitoringNote);
}
