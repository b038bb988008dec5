using Kap.Domain.Common;

namespace Kap.Domain.Preparation;

/// <summary>
/// The nurse practitioner's medical clearance for a course (domain.md §2, gate item 1): vitals, cardiac
/// and vascular history, the contraindication checklist, current medications, pregnancy status and
/// allergies. Hard stops can never be overridden; flags only by the course's prescribing NP with a
/// written reason. Once signed the clearance is frozen: a change of circumstances is a new clearance, so
/// what the NP signed is exactly what the record shows.
/// </summary>
public sealed class MedicalClearance : Entity, IVersioned
{
    /// <summary>Clinic setting default: a signed clearance is current for 90 days (issue 4).</summary>
    public const int DefaultValidityDays = 90;

    private readonly List<ClearanceFinding> _findings = [];
    private readonly List<ClearanceMedication> _medications = [];

    private MedicalClearance()
    {
    }

    /// <param name="prescriberId">The course's prescribing NP: the only person who may override a flag or sign.</param>
    public MedicalClearance(Guid courseId, Guid prescriberId, Guid startedBy, DateTime startedAtUtc)
    {
        CourseId = courseId;
        PrescriberId = prescriberId;
        StartedBy = startedBy;
        StartedAtUtc = startedAtUtc;
    }

    public Guid CourseId { get; private set; }
    public Guid PrescriberId { get; private set; }
    public Guid StartedBy { get; private set; }
    public DateTime StartedAtUtc { get; private set; }

    public ClearanceVitals Vitals { get; private set; } = ClearanceVitals.Empty;

    /// <summary>When the vitals were taken; the weight's age for mg/kg dosing counts from here.</summary>
    public DateTime? VitalsRecordedAtUtc { get; private set; }

    public decimal? Bmi => Vitals.Bmi;

    public string? CardiacVascularHistory { get; private set; }
    public PregnancyStatus PregnancyStatus { get; private set; }
    public string? Allergies { get; private set; }

    /// <summary>Whether the medication list has been taken; an empty list then means "no current medications".</summary>
    public bool MedicationsRecorded { get; private set; }

    public Guid? SignedBy { get; private set; }
    public DateTime? SignedAtUtc { get; private set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsSigned => SignedAtUtc is not null;

    public IReadOnlyList<ClearanceFinding> Findings => _findings;
    public IReadOnlyList<ClearanceMedication> Medications => _medications;

    public IEnumerable<ClearanceFinding> HardStops => _findings.Where(f => f.Kind == ContraindicationKind.HardStop);
    public IEnumerable<ClearanceFinding> OpenFlags => _findings.Where(f => f.Kind == ContraindicationKind.Flag && f.IsOpen);

    /// <summary>Every interaction warning of every medication, for the prescriber to review; none blocks.</summary>
    public IReadOnlyList<MedicationWarning> MedicationWarnings => _medications.SelectMany(m => m.Warnings).ToArray();

    public bool Has(Contraindication contraindication) => _findings.Any(f => f.Contraindication == contraindication);

    public DomainResult RecordVitals(ClearanceVitals vitals, DateTime atUtc)
    {
        if (Frozen() is { } frozen)
        {
            return frozen;
        }

        var valid = vitals.Validate();
        if (!valid.IsSuccess)
        {
            return valid;
        }

        Vitals = vitals;
        VitalsRecordedAtUtc = atUtc;
        return DomainResult.Ok;
    }

    public DomainResult RecordCardiacVascularHistory(string history) =>
        SetText(history, "Write the cardiac and vascular history (\"none\" if there is none).", t => CardiacVascularHistory = t);

    public DomainResult RecordAllergies(string allergies) =>
        SetText(allergies, "Write the allergies (\"none known\" if there are none).", t => Allergies = t);

    public DomainResult RecordPregnancyStatus(PregnancyStatus status)
    {
        if (Frozen() is { } frozen)
        {
            return frozen;
        }

        if (!Enum.IsDefined(status))
        {
            return DomainResult.Fail("Choose a pregnancy status from the list.");
        }

        PregnancyStatus = status;
        return DomainResult.Ok;
    }

    /// <summary>Replaces the medication list with what the NP has taken; an empty list records "no current medications".</summary>
    public DomainResult RecordMedications(IEnumerable<ClearanceMedication> medications)
    {
        if (Frozen() is { } frozen)
        {
            return frozen;
        }

        var list = medications.ToList();
        var unnamed = list.Count(m => string.IsNullOrWhiteSpace(m.Name));
        if (unnamed > 0)
        {
            return DomainResult.Fail("Every medication needs a name.");
        }

        _medications.Clear();
        _medications.AddRange(list);
        MedicationsRecorded = true;
        return DomainResult.Ok;
    }

    /// <summary>
    /// Records a contraindication as present. Recording one that is already there changes nothing (a
    /// checklist ticked twice). The open-ended "other BP hazard" needs a note saying what it is.
    /// </summary>
    public DomainResult RecordFinding(Contraindication contraindication, Guid byUserId, DateTime atUtc, string? note = null)
    {
        if (Frozen() is { } frozen)
        {
            return frozen;
        }

        if (!Enum.IsDefined(contraindication))
        {
            return DomainResult.Fail("Choose a contraindication from the checklist.");
        }

        var info = contraindication.Info();
        if (info.NeedsNote && string.IsNullOrWhiteSpace(note))
        {
            return DomainResult.Fail($"Describe the condition: {info.Display}.");
        }

        var otherHepatic = contraindication switch
        {
            Contraindication.HepaticImpairmentModerate => Contraindication.HepaticImpairmentSevere,
            Contraindication.HepaticImpairmentSevere => Contraindication.HepaticImpairmentModerate,
            _ => (Contraindication?)null,
        };
        if (otherHepatic is { } other && Has(other))
        {
            return DomainResult.Fail($"{other.Describe()} is already recorded: hepatic impairment is either moderate or severe.");
        }

        if (!Has(contraindication))
        {
            _findings.Add(new ClearanceFinding(contraindication, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), byUserId, atUtc));
        }

        return DomainResult.Ok;
    }

    /// <summary>
    /// The prescribing NP's decision to go ahead despite a flag, with the written reason. Hard stops are
    /// refused whoever asks: that is what makes them hard stops. Overriding again replaces the reason.
    /// </summary>
    /// <param name="isNursePractitioner">Whether <paramref name="byUserId"/> holds the nurse-practitioner role.</param>
    public DomainResult Override(Contraindication contraindication, string? reason, Guid byUserId, bool isNursePractitioner, DateTime atUtc)
    {
        if (Frozen() is { } frozen)
        {
            return frozen;
        }

        if (!Enum.IsDefined(contraindication))
        {
            return DomainResult.Fail("Choose a contraindication from the checklist.");
        }

        if (contraindication.IsHardStop())
        {
            return DomainResult.Fail($"A hard stop cannot be overridden: {contraindication.Describe()}. Dosing is impossible while it is recorded.");
        }

        var problems = new List<string>();
        if (!isNursePractitioner || byUserId != PrescriberId)
        {
            problems.Add("Only the course's prescribing nurse practitioner can override a flag.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add($"Write the reason for overriding: {contraindication.Describe()}.");
        }

        var finding = _findings.FirstOrDefault(f => f.Contraindication == contraindication);
        if (finding is null)
        {
            problems.Add($"{contraindication.Describe()} is not recorded on this clearance, so there is nothing to override.");
        }

        if (problems.Count > 0)
        {
            return DomainResult.Fail(problems);
        }

        finding!.SetOverride(new SignedOverride(reason!.Trim(), byUserId, atUtc));
        return DomainResult.Ok;
    }

    /// <summary>
    /// Everything that stands between this clearance and the NP's signature, each named, so the page can
    /// show the checklist before the NP tries to sign.
    /// </summary>
    public IReadOnlyList<string> SigningProblems()
    {
        var problems = new List<string>();
        if (IsSigned)
        {
            problems.Add("This clearance is already signed.");
            return problems;
        }

        if (Vitals.Missing is { Count: > 0 } missing)
        {
            problems.Add($"Vitals incomplete: record the {string.Join(", ", missing)}.");
        }

        foreach (var hardStop in HardStops)
        {
            problems.Add($"Hard stop: {hardStop.Contraindication.Describe()}. Dosing is impossible while it is recorded; a hard stop cannot be overridden.");
        }

        foreach (var flag in OpenFlags)
        {
            problems.Add($"Flag not overridden: {flag.Contraindication.Describe()}. The prescribing nurse practitioner must override it with a written reason.");
        }

        if (PregnancyStatus == PregnancyStatus.Unknown)
        {
            problems.Add("Record the pregnancy status (not applicable, not pregnant, pregnant or breastfeeding).");
        }
        else if (PregnancyStatus is PregnancyStatus.Pregnant or PregnancyStatus.Breastfeeding && !Has(Contraindication.PregnancyOrBreastfeeding))
        {
            problems.Add($"The pregnancy status is {PregnancyStatus.Describe().ToLowerInvariant()}: record the flag \"{Contraindication.PregnancyOrBreastfeeding.Describe()}\" and override it with a written reason.");
        }

        if (CardiacVascularHistory is null)
        {
            problems.Add("Record the cardiac and vascular history (\"none\" if there is none).");
        }

        if (!MedicationsRecorded)
        {
            problems.Add("Record the current medications (an empty list if there are none).");
        }

        if (Allergies is null)
        {
            problems.Add("Record the allergies (\"none known\" if there are none).");
        }

        return problems;
    }

    /// <summary>
    /// The prescribing NP signs. Refused, with every reason named, while a hard stop is recorded, a flag is
    /// not overridden, or anything the clearance must cover is missing (domain.md §2, gate item 1).
    /// </summary>
    /// <param name="isNursePractitioner">Whether <paramref name="npUserId"/> holds the nurse-practitioner role.</param>
    public DomainResult Sign(Guid npUserId, bool isNursePractitioner, DateTime atUtc)
    {
        if (!IsSigned && (!isNursePractitioner || npUserId != PrescriberId))
        {
            return DomainResult.Fail("Only the course's prescribing nurse practitioner can sign the medical clearance.");
        }

        var problems = SigningProblems();
        if (problems.Count > 0)
        {
            return DomainResult.Fail(problems);
        }

        SignedBy = npUserId;
        SignedAtUtc = atUtc;
        return DomainResult.Ok;
    }

    /// <summary>When the signature stops counting; null while unsigned.</summary>
    public DateTime? ExpiresAtUtc(int validityDays = DefaultValidityDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(validityDays);
        return SignedAtUtc?.AddDays(validityDays);
    }

    /// <summary>
    /// Signed, and no more than <paramref name="validityDays"/> days ago (the last instant of the window
    /// still counts). A signed clearance has no open hard stop or flag, so current also means clear.
    /// </summary>
    public bool IsCurrent(DateTime nowUtc, int validityDays = DefaultValidityDays) =>
        ExpiresAtUtc(validityDays) is { } expires && nowUtc <= expires;

    private DomainResult? Frozen() =>
        IsSigned ? DomainResult.Fail("This clearance is signed and cannot be changed; start a new clearance.") : null;

    private DomainResult SetText(string? text, string whenBlank, Action<string> set)
    {
        if (Frozen() is { } frozen)
        {
            return frozen;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return DomainResult.Fail(whenBlank);
        }

        set(text.Trim());
        return DomainResult.Ok;
    }
}
