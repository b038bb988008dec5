using Kap.Domain.Common;

namespace Kap.Domain.Dosing;

/// <summary>The adverse-event types of domain.md §4. Stored as numbers: never renumber.</summary>
public enum AdverseEventType
{
    Hypertension = 0,
    SedationOrLossOfConsciousness = 1,
    DissociationDistress = 2,
    NauseaOrVomiting = 3,
    EmergenceReaction = 4,
    RespiratoryDepression = 5,
    Other = 6,
}

public enum AdverseEventSeverity
{
    Mild = 0,
    Moderate = 1,

    /// <summary>Notifies the prescriber and the therapist at once (domain.md §4).</summary>
    Severe = 2,
}

/// <summary>An adverse event during a dosing session: type, severity, time, action taken, outcome (domain.md §4).</summary>
public sealed class AdverseEvent : Entity
{
    private AdverseEvent()
    {
    }

    public AdverseEvent(Guid sessionId, Guid courseId, Guid patientId, AdverseEventType type, AdverseEventSeverity severity, DateTime occurredAtUtc,
        string actionTaken, string outcome, Guid recordedBy, DateTime recordedAtUtc)
    {
        SessionId = sessionId;
        CourseId = courseId;
        PatientId = patientId;
        Type = type;
        Severity = severity;
        OccurredAtUtc = occurredAtUtc;
        ActionTaken = actionTaken.Trim();
        Outcome = outcome.Trim();
        RecordedBy = recordedBy;
        RecordedAtUtc = recordedAtUtc;
    }

    public Guid SessionId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid PatientId { get; private set; }
    public AdverseEventType Type { get; private set; }
    public AdverseEventSeverity Severity { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
    public string ActionTaken { get; private set; } = "";
    public string Outcome { get; private set; } = "";
    public Guid RecordedBy { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
}

public static class AdverseEventNames
{
    public static string Describe(this AdverseEventType type) => type switch
    {
        AdverseEventType.Hypertension => "Hypertension",
        AdverseEventType.SedationOrLossOfConsciousness => "Sedation / loss of consciousness",
        AdverseEventType.DissociationDistress => "Dissociation distress",
        AdverseEventType.NauseaOrVomiting => "Nausea / vomiting",
        AdverseEventType.EmergenceReaction => "Emergence reaction",
        AdverseEventType.RespiratoryDepression => "Respiratory depression",
        _ => "Other",
    };
}
