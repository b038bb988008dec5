using Kap.Domain.Common;
using Kap.Domain.Patients;

namespace Kap.Domain.Reminders;

/// <summary>What a reminder or follow-up is for. Stored as numbers: never renumber.</summary>
public enum ReminderKind
{
    /// <summary>Dosing −72 h: how to prepare (fasting, escort, medications).</summary>
    DosingPreparation = 0,

    /// <summary>Dosing −24 h: the checklist.</summary>
    DosingChecklist = 1,

    /// <summary>Dosing −2 h.</summary>
    DosingSoon = 2,

    /// <summary>Any other appointment −24 h.</summary>
    AppointmentReminder = 3,

    /// <summary>Dosing +24 h: the next-day check-in form.</summary>
    NextDayCheckIn = 4,

    /// <summary>Dosing +72 h: alerts the therapist when no integration session was booked.</summary>
    IntegrationBookingCheck = 5,

    /// <summary>1 and 3 months after the course: outcome measures.</summary>
    FollowUpMeasures = 6,
}

public enum ReminderStatus
{
    Planned = 0,

    /// <summary>A dispatcher won the claim and is delivering it.</summary>
    Claimed = 1,

    Sent = 2,

    /// <summary>Delivery failed; it is retried until the attempts run out.</summary>
    Failed = 3,

    /// <summary>The appointment was cancelled or moved, or the check it stood for was already satisfied.</summary>
    Withdrawn = 4,

    /// <summary>Its moment passed before it could be sent (e.g. a −2 h reminder after the session started).</summary>
    Expired = 5,

    /// <summary>Delivery failed and will not be tried again (attempts used up, or it can never succeed, like SMS without a provider).</summary>
    Undeliverable = 6,
}

public enum RecipientRole
{
    Patient = 0,
    Therapist = 1,
    Prescriber = 2,
}

/// <summary>
/// A reminder planned as a row: the database, not the job scheduler, knows what is due. A dispatcher
/// claims it (a status change only one can win) before delivering it.
/// </summary>
public sealed class Reminder : Entity
{
    private Reminder()
    {
    }

    public Reminder(ReminderKind kind, RecipientRole recipientRole, Guid recipientUserId, ReminderChannel channel, DateTime dueUtc, DateTime? expiresUtc,
        Guid? appointmentId, Guid? courseId, Guid patientId, DateTime plannedAtUtc)
    {
        Kind = kind;
        RecipientRole = recipientRole;
        RecipientUserId = recipientUserId;
        Channel = channel;
        DueUtc = dueUtc;
        ExpiresUtc = expiresUtc;
        AppointmentId = appointmentId;
        CourseId = courseId;
        PatientId = patientId;
        PlannedAtUtc = plannedAtUtc;
        Status = ReminderStatus.Planned;
    }

    public ReminderKind Kind { get; private set; }
    public RecipientRole RecipientRole { get; private set; }
    public Guid RecipientUserId { get; private set; }
    public ReminderChannel Channel { get; private set; }
    public DateTime DueUtc { get; private set; }
    public DateTime? ExpiresUtc { get; private set; }
    public Guid? AppointmentId { get; private set; }
    public Guid? CourseId { get; private set; }
    public Guid PatientId { get; private set; }
    public DateTime PlannedAtUtc { get; private set; }
    public ReminderStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }
    public Guid? ClaimToken { get; private set; }
    public DateTime? ClaimedAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }

    public bool IsOpen => Status is ReminderStatus.Planned or ReminderStatus.Failed or ReminderStatus.Claimed;

    public void Withdraw(string why)
    {
        if (Status is ReminderStatus.Planned or ReminderStatus.Failed or ReminderStatus.Claimed)
        {
            Status = ReminderStatus.Withdrawn;
            LastError = why;
        }
    }

    public void MarkSent(DateTime atUtc)
    {
        Status = ReminderStatus.Sent;
        SentAtUtc = atUtc;
        Attempts++;
        LastError = null;
    }

    public void MarkExpired(string why)
    {
        Status = ReminderStatus.Expired;
        LastError = why;
    }

    /// <summary>
    /// Records a failed delivery: it is retried at <paramref name="retryAtUtc"/> while attempts remain, and is
    /// undeliverable (final) once <paramref name="maxAttempts"/> are used — 1 for failures no retry can fix.
    /// </summary>
    public void MarkFailed(string error, DateTime retryAtUtc, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 500 ? error[..500] : error;
        if (Attempts < maxAttempts)
        {
            Status = ReminderStatus.Failed;
            DueUtc = retryAtUtc;
        }
        else
        {
            Status = ReminderStatus.Undeliverable;
        }
    }

    public bool CanRetry(int maxAttempts) => Status == ReminderStatus.Failed && Attempts < maxAttempts;
}
