using Kap.Domain.Common;

namespace Kap.Domain.Scheduling;

/// <summary>A session of a course at a time, with the clinicians and room it needs.</summary>
public sealed class Appointment : Entity, IVersioned
{
    private Appointment()
    {
    }

    public Appointment(Guid courseId, Guid patientId, AppointmentKind kind, DateTime startUtc, DateTime endUtc, Guid clinicianId,
        Guid? secondClinicianId, Guid? roomId, string? location, bool gateNotMet, Guid bookedBy, DateTime bookedAtUtc)
    {
        CourseId = courseId;
        PatientId = patientId;
        Kind = kind;
        StartUtc = startUtc;
        EndUtc = endUtc;
        ClinicianId = clinicianId;
        SecondClinicianId = secondClinicianId;
        RoomId = roomId;
        Location = string.IsNullOrWhiteSpace(location) ? null : location.Trim();
        GateNotMet = gateNotMet;
        BookedBy = bookedBy;
        BookedAtUtc = bookedAtUtc;
        Status = AppointmentStatus.Booked;
    }

    public Guid CourseId { get; private set; }
    public Guid PatientId { get; private set; }
    public AppointmentKind Kind { get; private set; }
    public DateTime StartUtc { get; private set; }
    public DateTime EndUtc { get; private set; }
    public Guid ClinicianId { get; private set; }
    public Guid? SecondClinicianId { get; private set; }
    public Guid? RoomId { get; private set; }

    /// <summary>Where, for the patient: an address or a video link.</summary>
    public string? Location { get; private set; }

    public AppointmentStatus Status { get; private set; }
    public string? CancelReason { get; private set; }

    /// <summary>A dosing session booked before the course reached Dosing: allowed, but flagged until the gate is met.</summary>
    public bool GateNotMet { get; private set; }

    public Guid BookedBy { get; private set; }
    public DateTime BookedAtUtc { get; private set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public AppointmentSlot Slot => new(Id, PatientId, Kind, StartUtc, EndUtc, ClinicianId, SecondClinicianId, RoomId);

    public DomainResult Reschedule(DateTime startUtc, DateTime endUtc)
    {
        if (Status != AppointmentStatus.Booked)
        {
            return DomainResult.Fail($"Only a booked appointment can be moved; this one is {Describe(Status)}.");
        }

        StartUtc = startUtc;
        EndUtc = endUtc;
        return DomainResult.Ok;
    }

    public DomainResult Cancel(string reason)
    {
        if (Status != AppointmentStatus.Booked)
        {
            return DomainResult.Fail($"Only a booked appointment can be cancelled; this one is {Describe(Status)}.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return DomainResult.Fail("Give the reason for cancelling.");
        }

        Status = AppointmentStatus.Cancelled;
        CancelReason = reason.Trim();
        return DomainResult.Ok;
    }

    public DomainResult RecordOutcome(AppointmentStatus outcome, DateTime nowUtc)
    {
        if (outcome is not (AppointmentStatus.Attended or AppointmentStatus.NoShow))
        {
            return DomainResult.Fail("An appointment's outcome is attended or no-show.");
        }

        if (Status is AppointmentStatus.Cancelled)
        {
            return DomainResult.Fail("A cancelled appointment has no outcome.");
        }

        if (nowUtc < StartUtc)
        {
            return DomainResult.Fail("The appointment has not started yet.");
        }

        Status = outcome;
        return DomainResult.Ok;
    }

    public void MarkGateMet() => GateNotMet = false;

    private static string Describe(AppointmentStatus status) => status switch
    {
        AppointmentStatus.NoShow => "a no-show",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>What booking rules need to know about an appointment.</summary>
public sealed record AppointmentSlot(Guid Id, Guid PatientId, AppointmentKind Kind, DateTime StartUtc, DateTime EndUtc, Guid ClinicianId, Guid? SecondClinicianId, Guid? RoomId)
{
    public IEnumerable<Guid> Clinicians => SecondClinicianId is { } second ? [ClinicianId, second] : [ClinicianId];

    public bool Overlaps(AppointmentSlot other) => StartUtc < other.EndUtc && other.StartUtc < EndUtc;
}
