using Kap.Domain.Common;

namespace Kap.Domain.Portal;

/// <summary>What a patient asks about an appointment from the portal. The numeric values are stored.</summary>
public enum AppointmentRequestKind
{
    /// <summary>"I'll be there": nothing for staff to do.</summary>
    Confirm = 0,

    /// <summary>"I need to reschedule": staff contact the patient and move the appointment themselves.</summary>
    Reschedule = 1,
}

public enum AppointmentRequestStatus
{
    Open = 0,
    Handled = 1,
}

/// <summary>
/// A patient's confirmation or reschedule request for one of their appointments. Patients never move clinical
/// sessions themselves: a reschedule request stays open until a member of staff handles it.
/// </summary>
public sealed class AppointmentRequest : Entity
{
    public const int MaxNoteLength = 1000;

    private AppointmentRequest()
    {
    }

    public AppointmentRequest(Guid appointmentId, Guid patientId, Guid courseId, AppointmentRequestKind kind, string? note, DateTime createdAtUtc)
    {
        AppointmentId = appointmentId;
        PatientId = patientId;
        CourseId = courseId;
        Kind = kind;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        CreatedAtUtc = createdAtUtc;
        Status = kind == AppointmentRequestKind.Confirm ? AppointmentRequestStatus.Handled : AppointmentRequestStatus.Open;
    }

    public Guid AppointmentId { get; private set; }
    public Guid PatientId { get; private set; }
    public Guid CourseId { get; private set; }
    public AppointmentRequestKind Kind { get; private set; }
    public string? Note { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public AppointmentRequestStatus Status { get; private set; }
    public Guid? HandledBy { get; private set; }
    public DateTime? HandledAtUtc { get; private set; }
    public string? HandledNote { get; private set; }

    public DomainResult Handle(Guid byUserId, string? note, DateTime atUtc)
    {
        if (Status == AppointmentRequestStatus.Handled)
        {
            return DomainResult.Fail("This request has already been handled.");
        }

        Status = AppointmentRequestStatus.Handled;
        HandledBy = byUserId;
        HandledAtUtc = atUtc;
        HandledNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return DomainResult.Ok;
    }
}
