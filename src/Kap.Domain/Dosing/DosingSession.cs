using Kap.Domain.Common;
using Kap.Domain.Preparation;

namespace Kap.Domain.Dosing;

/// <summary>Where a dosing session stands. Stored as numbers: never renumber.</summary>
public enum DosingSessionStatus
{
    /// <summary>The pre-dose checklist passed; dosing and monitoring are under way.</summary>
    InProgress = 0,

    /// <summary>The discharge rules held and the patient left with their escort.</summary>
    Discharged = 1,

    /// <summary>Stopped before any dose was given (e.g. the patient felt unwell); the reason is kept.</summary>
    EndedWithoutDose = 2,
}

/// <summary>
/// One ketamine dosing session at the bedside (domain.md §4). It exists only once the pre-dose checklist
/// has passed (<see cref="Start"/> refuses otherwise), so every later entry — administrations, vitals,
/// MOAA/S, CADSS, adverse events, notes — belongs to a session whose gate held. Each of those entries is
/// its own row, saved the moment it is entered; the session row itself changes only at infusion end and
/// at discharge.
/// </summary>
public sealed class DosingSession : Entity, IVersioned
{
    private DosingSession()
    {
    }

    public Guid CourseId { get; private set; }
    public Guid PatientId { get; private set; }

    /// <summary>The booked dosing appointment this session runs, when there is one.</summary>
    public Guid? AppointmentId { get; private set; }

    /// <summary>The course's prescribing NP: the only one who may override a high BP or a ceiling.</summary>
    public Guid PrescriberId { get; private set; }

    public Guid StartedBy { get; private set; }
    public DateTime StartedAtUtc { get; private set; }

    public Guid DosePlanId { get; private set; }
    public Route Route { get; private set; }
    public DoseBasis Basis { get; private set; }
    public decimal PlannedAmount { get; private set; }
    public int? InfusionMinutes { get; private set; }

    /// <summary>The weight the dose was computed from, and when it was measured.</summary>
    public decimal? WeightKg { get; private set; }

    public DateTime? WeightRecordedAtUtc { get; private set; }
    public decimal PlannedDoseMg { get; private set; }
    public string DoseArithmetic { get; private set; } = "";

    public bool FastingConfirmed { get; private set; }
    public bool EscortConfirmed { get; private set; }
    public bool NoAlcohol24HoursConfirmed { get; private set; }
    public bool MedicationFlagsReviewed { get; private set; }
    public int BaselineMoaas { get; private set; }
    public int PreDoseSystolic { get; private set; }
    public int PreDoseDiastolic { get; private set; }

    /// <summary>The prescriber's override of a pre-dose BP at or over the threshold, with the reason.</summary>
    public SignedOverride? BpOverride { get; private set; }

    /// <summary>Hours since the course's previous dose when this one started; null for the first.</summary>
    public double? HoursSinceLastDose { get; private set; }

    /// <summary>IV: when the infusion ended; the post-infusion monitoring clock starts here.</summary>
    public DateTime? InfusionEndedAtUtc { get; private set; }

    public DosingSessionStatus Status { get; private set; }
    public DateTime? EndedAtUtc { get; private set; }
    public Guid? EndedBy { get; private set; }
    public bool AlertAndOriented { get; private set; }
    public bool ToleratingFluids { get; private set; }
    public bool MinimalNausea { get; private set; }
    public bool EscortPresent { get; private set; }

    /// <summary>The discharge note, or why the session ended without a dose.</summary>
    public string? EndNote { get; private set; }

    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsOpen => Status == DosingSessionStatus.InProgress;

    /// <summary>
    /// Starts a session when every item of the pre-dose checklist holds (<see cref="PreDoseRules"/>) and the
    /// dose can be computed (<see cref="DoseCalculator"/>); otherwise no session, and every reason.
    /// </summary>
    public static (DosingSession? Session, DomainResult Result) Start(
        Guid courseId,
        Guid patientId,
        Guid? appointmentId,
        Guid prescriberId,
        DosePlan plan,
        DoseCalculation dose,
        decimal? weightKg,
        DateTime? weightRecordedAtUtc,
        PreDoseChecklist checklist,
        DosingSessionSettings settings,
        Guid startedBy,
        DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(dose);
        ArgumentNullException.ThrowIfNull(checklist);
        var problems = new List<string>(PreDoseRules.Check(checklist, settings).Problems);
        problems.AddRange(dose.Problems.Select(p => "Dose: " + p));
        if (checklist.BpOverride is { } bpOverride && bpOverride.ByUserId != prescriberId
            && checklist.Systolic is { } s && checklist.Diastolic is { } d && PreDoseRules.IsOverThreshold(s, d, settings))
        {
            problems.Add("Blood pressure: only the course's prescribing nurse practitioner may override a high pre-dose BP.");
        }

        if (problems.Count > 0)
        {
            return (null, DomainResult.Fail(problems));
        }

        var overThreshold = PreDoseRules.IsOverThreshold(checklist.Systolic!.Value, checklist.Diastolic!.Value, settings);
        var session = new DosingSession
        {
            CourseId = courseId,
            PatientId = patientId,
            AppointmentId = appointmentId,
            PrescriberId = prescriberId,
            StartedBy = startedBy,
            StartedAtUtc = nowUtc,
            DosePlanId = plan.Id,
            Route = plan.Route,
            Basis = plan.Basis,
            PlannedAmount = plan.PlannedAmount,
            InfusionMinutes = plan.InfusionMinutes,
            WeightKg = weightKg,
            WeightRecordedAtUtc = weightRecordedAtUtc,
            PlannedDoseMg = dose.Milligrams!.Value,
            DoseArithmetic = dose.Arithmetic ?? "",
            FastingConfirmed = checklist.FastingConfirmed,
            EscortConfirmed = checklist.EscortConfirmed,
            NoAlcohol24HoursConfirmed = checklist.NoAlcohol24HoursConfirmed,
            MedicationFlagsReviewed = checklist.MedicationFlagsReviewed,
            BaselineMoaas = checklist.BaselineMoaas!.Value,
            PreDoseSystolic = checklist.Systolic.Value,
            PreDoseDiastolic = checklist.Diastolic.Value,
            BpOverride = overThreshold ? checklist.BpOverride! with { Reason = checklist.BpOverride.Reason.Trim() } : null,
            HoursSinceLastDose = checklist.HoursSinceLastDose,
            Status = DosingSessionStatus.InProgress,
        };
        return (session, DomainResult.Ok);
    }

    /// <summary>IV only: the infusion has ended, once, after it started.</summary>
    public DomainResult EndInfusion(DateTime nowUtc, DateTime? firstAdministrationUtc)
    {
        if (!IsOpen)
        {
            return DomainResult.Fail("The session has ended.");
        }

        if (Route != Route.IntravenousInfusion)
        {
            return DomainResult.Fail("Only an IV infusion has an end time.");
        }

        if (firstAdministrationUtc is null)
        {
            return DomainResult.Fail("The infusion has not been started: record the administration first.");
        }

        if (InfusionEndedAtUtc is not null)
        {
            return DomainResult.Fail("The infusion end has already been recorded.");
        }

        InfusionEndedAtUtc = nowUtc < firstAdministrationUtc ? firstAdministrationUtc : nowUtc;
        return DomainResult.Ok;
    }

    /// <summary>Discharges when <see cref="DischargeRules.Check"/> holds for <paramref name="facts"/>.</summary>
    public DomainResult Discharge(DischargeFacts facts, DateTime nowUtc, DosingSessionSettings settings, Guid byUserId, string? note)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!IsOpen)
        {
            return DomainResult.Fail("The session has already ended.");
        }

        var check = DischargeRules.Check(facts, nowUtc, settings);
        if (!check.IsSuccess)
        {
            return check;
        }

        Status = DosingSessionStatus.Discharged;
        EndedAtUtc = nowUtc;
        EndedBy = byUserId;
        AlertAndOriented = facts.AlertAndOriented;
        ToleratingFluids = facts.ToleratingFluids;
        MinimalNausea = facts.MinimalNausea;
        EscortPresent = facts.EscortPresent;
        EndNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return DomainResult.Ok;
    }

    /// <summary>Ends a session in which no dose was given, with the reason. Once a dose is given, only discharge ends it.</summary>
    public DomainResult EndWithoutDose(bool anyAdministration, string reason, Guid byUserId, DateTime nowUtc)
    {
        if (!IsOpen)
        {
            return DomainResult.Fail("The session has already ended.");
        }

        if (anyAdministration)
        {
            return DomainResult.Fail("A dose has been given: the session ends with discharge, once the discharge rules hold.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DomainResult.Fail("Give the reason the session ends without a dose.");
        }

        Status = DosingSessionStatus.EndedWithoutDose;
        EndedAtUtc = nowUtc;
        EndedBy = byUserId;
        EndNote = reason.Trim();
        return DomainResult.Ok;
    }
}

/// <summary>One administration of the session (domain.md §3, §7): time, route, mg, mL, lot, who gave it.</summary>
public sealed class SessionAdministration : Entity
{
    private SessionAdministration()
    {
    }

    public SessionAdministration(Guid sessionId, Guid lotId, Guid ledgerEntryId, Route route, decimal mg, decimal ml, DateTime atUtc, Guid givenBy,
        bool isBooster, decimal cumulativeMg, decimal? cumulativeMgPerKg, string arithmetic, SignedOverride? ceilingOverride)
    {
        SessionId = sessionId;
        LotId = lotId;
        LedgerEntryId = ledgerEntryId;
        Route = route;
        Mg = mg;
        Ml = ml;
        AtUtc = atUtc;
        GivenBy = givenBy;
        IsBooster = isBooster;
        CumulativeMg = cumulativeMg;
        CumulativeMgPerKg = cumulativeMgPerKg;
        Arithmetic = arithmetic;
        CeilingOverride = ceilingOverride;
    }

    public Guid SessionId { get; private set; }
    public Guid LotId { get; private set; }
    public Guid LedgerEntryId { get; private set; }
    public Route Route { get; private set; }
    public decimal Mg { get; private set; }
    public decimal Ml { get; private set; }
    public DateTime AtUtc { get; private set; }
    public Guid GivenBy { get; private set; }
    public bool IsBooster { get; private set; }

    /// <summary>The session total including this administration, and per kg where the route is dosed per kg.</summary>
    public decimal CumulativeMg { get; private set; }

    public decimal? CumulativeMgPerKg { get; private set; }
    public string Arithmetic { get; private set; } = "";
    public SignedOverride? CeilingOverride { get; private set; }
}

/// <summary>
/// One vitals reading of a session, its own row. <see cref="ClientEntryId"/> is chosen by the device that
/// entered it, so a retry after a dropped connection finds the row already there instead of adding it twice.
/// </summary>
public sealed class SessionVitals : Entity
{
    private SessionVitals()
    {
    }

    public SessionVitals(Guid sessionId, Guid clientEntryId, VitalSigns vitals, bool isPreDose, Guid recordedBy)
    {
        SessionId = sessionId;
        ClientEntryId = clientEntryId;
        AtUtc = vitals.AtUtc;
        Systolic = vitals.Systolic;
        Diastolic = vitals.Diastolic;
        HeartRate = vitals.HeartRate;
        SpO2 = vitals.SpO2;
        RespiratoryRate = vitals.RespiratoryRate;
        Alert = AlertTiers.Classify(vitals);
        IsPreDose = isPreDose;
        RecordedBy = recordedBy;
    }

    public Guid SessionId { get; private set; }
    public Guid ClientEntryId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public int Systolic { get; private set; }
    public int Diastolic { get; private set; }
    public int HeartRate { get; private set; }
    public int SpO2 { get; private set; }
    public int? RespiratoryRate { get; private set; }
    public VitalsAlert Alert { get; private set; }
    public bool IsPreDose { get; private set; }
    public Guid RecordedBy { get; private set; }

    public VitalSigns ToVitalSigns() => new(AtUtc, Systolic, Diastolic, HeartRate, SpO2, RespiratoryRate);

    /// <summary>The plausible ranges a bedside entry must fall in; anything outside is a typing error.</summary>
    public static DomainResult CheckPlausible(int systolic, int diastolic, int heartRate, int spo2, int? respiratoryRate)
    {
        var problems = new List<string>();
        if (systolic is < 50 or > 300)
        {
            problems.Add("Systolic BP must be 50–300 mmHg.");
        }

        if (diastolic is < 20 or > 200)
        {
            problems.Add("Diastolic BP must be 20–200 mmHg.");
        }

        if (diastolic >= systolic)
        {
            problems.Add("Diastolic BP must be lower than systolic.");
        }

        if (heartRate is < 20 or > 250)
        {
            problems.Add("Heart rate must be 20–250 /min.");
        }

        if (spo2 is < 50 or > 100)
        {
            problems.Add("SpO₂ must be 50–100 %.");
        }

        if (respiratoryRate is < 4 or > 60)
        {
            problems.Add("Respiratory rate must be 4–60 /min.");
        }

        return problems.Count == 0 ? DomainResult.Ok : DomainResult.Fail(problems);
    }
}

/// <summary>One MOAA/S reading after dosing, with its sedation class against the session's baseline.</summary>
public sealed class SedationEntry : Entity
{
    private SedationEntry()
    {
    }

    public SedationEntry(Guid sessionId, Guid clientEntryId, int score, int baseline, DateTime atUtc, Guid recordedBy)
    {
        SessionId = sessionId;
        ClientEntryId = clientEntryId;
        Score = score;
        Level = Sedation.Classify(baseline, score);
        AtUtc = atUtc;
        RecordedBy = recordedBy;
    }

    public Guid SessionId { get; private set; }
    public Guid ClientEntryId { get; private set; }
    public int Score { get; private set; }
    public SedationLevel Level { get; private set; }
    public DateTime AtUtc { get; private set; }
    public Guid RecordedBy { get; private set; }
}

/// <summary>One CADSS rating (full 23 items or the 6-item short form), scored by <see cref="Cadss"/>.</summary>
public sealed class DissociationEntry : Entity
{
    private DissociationEntry()
    {
    }

    public DissociationEntry(Guid sessionId, Guid clientEntryId, CadssForm form, IReadOnlyList<int> responses, DateTime atUtc, Guid recordedBy)
    {
        SessionId = sessionId;
        ClientEntryId = clientEntryId;
        Form = form;
        Responses = string.Join(',', responses);
        Total = Cadss.Total(responses);
        AtUtc = atUtc;
        RecordedBy = recordedBy;
    }

    public Guid SessionId { get; private set; }
    public Guid ClientEntryId { get; private set; }
    public CadssForm Form { get; private set; }

    /// <summary>The item scores in form order, comma-separated.</summary>
    public string Responses { get; private set; } = "";

    public int Total { get; private set; }
    public DateTime AtUtc { get; private set; }
    public Guid RecordedBy { get; private set; }

    public bool IsSignificant => Cadss.IsSignificant(Total);
}

/// <summary>A note by the NP or the therapist, watching the session live.</summary>
public sealed class SessionNote : Entity
{
    private SessionNote()
    {
    }

    public SessionNote(Guid sessionId, string text, Guid byUserId, DateTime atUtc)
    {
        SessionId = sessionId;
        Text = text.Trim();
        ByUserId = byUserId;
        AtUtc = atUtc;
    }

    public Guid SessionId { get; private set; }
    public string Text { get; private set; } = "";
    public Guid ByUserId { get; private set; }
    public DateTime AtUtc { get; private set; }
}
