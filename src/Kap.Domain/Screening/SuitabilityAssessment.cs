using Kap.Domain.Common;

namespace Kap.Domain.Screening;

public enum SuitabilityDecision
{
    Suitable = 0,
    NotSuitable = 1,
    NeedsMedicalReview = 2,
}

/// <summary>
/// The therapist's suitability screening at consultation (domain.md §2): what has been tried, the
/// patient's willingness for deep emotional work, their support network and goals, and the decision.
/// A course leaves Screening for Preparation only on "suitable".
/// </summary>
public sealed class SuitabilityAssessment : Entity
{
    private SuitabilityAssessment()
    {
    }

    public SuitabilityAssessment(Guid courseId, string priorTreatments, bool willingForDeepEmotionalWork, string supportNetwork, string goals,
        SuitabilityDecision decision, string? note, Guid assessedBy, DateTime assessedAtUtc)
    {
        CourseId = courseId;
        PriorTreatments = priorTreatments.Trim();
        WillingForDeepEmotionalWork = willingForDeepEmotionalWork;
        SupportNetwork = supportNetwork.Trim();
        Goals = goals.Trim();
        Decision = decision;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        AssessedBy = assessedBy;
        AssessedAtUtc = assessedAtUtc;
    }

    public Guid CourseId { get; private set; }
    public string PriorTreatments { get; private set; } = "";
    public bool WillingForDeepEmotionalWork { get; private set; }
    public string SupportNetwork { get; private set; } = "";
    public string Goals { get; private set; } = "";
    public SuitabilityDecision Decision { get; private set; }
    public string? Note { get; private set; }
    public Guid AssessedBy { get; private set; }
    public DateTime AssessedAtUtc { get; private set; }
}

/// <summary>A preparation session's notes: the intentions agreed count the session against the plan.</summary>
public sealed class PreparationNote : Entity
{
    private PreparationNote()
    {
    }

    public PreparationNote(Guid courseId, Guid? appointmentId, string intentions, string? notes, Guid recordedBy, DateTime recordedAtUtc)
    {
        CourseId = courseId;
        AppointmentId = appointmentId;
        Intentions = intentions.Trim();
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        RecordedBy = recordedBy;
        RecordedAtUtc = recordedAtUtc;
    }

    public Guid CourseId { get; private set; }
    public Guid? AppointmentId { get; private set; }
    public string Intentions { get; private set; } = "";
    public string? Notes { get; private set; }
    public Guid RecordedBy { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
}

public enum RiskAssessmentOutcome
{
    /// <summary>The clinician judged it safe to continue the course, with a safety plan in place.</summary>
    SafeToContinue = 0,

    /// <summary>Not safe to dose now: dosing stays blocked.</summary>
    NotSafeToDose = 1,
}

/// <summary>
/// A clinician's suicide-risk assessment after an alert (PHQ-9 item 9 above 0, or a high-risk C-SSRS):
/// dosing is blocked until one records that it is safe to continue (domain.md §2, C-SSRS).
/// </summary>
public sealed class RiskAssessment : Entity
{
    private RiskAssessment()
    {
    }

    public RiskAssessment(Guid courseId, RiskAssessmentOutcome outcome, string note, Guid assessedBy, DateTime assessedAtUtc)
    {
        CourseId = courseId;
        Outcome = outcome;
        Note = note.Trim();
        AssessedBy = assessedBy;
        AssessedAtUtc = assessedAtUtc;
    }

    public Guid CourseId { get; private set; }
    public RiskAssessmentOutcome Outcome { get; private set; }
    public string Note { get; private set; } = "";
    public Guid AssessedBy { get; private set; }
    public DateTime AssessedAtUtc { get; private set; }
}
