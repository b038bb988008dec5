using Kap.Domain.Patients;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;

namespace Kap.Application.Features.Scheduling.Common;

public sealed record AppointmentDto(
    Guid Id,
    Guid Version,
    Guid CourseId,
    Guid PatientId,
    string PatientName,
    AppointmentKind Kind,
    DateTime StartUtc,
    DateTime EndUtc,
    Guid ClinicianId,
    string ClinicianName,
    string? SecondClinicianName,
    string? RoomName,
    string? Location,
    AppointmentStatus Status,
    string? CancelReason,
    bool GateNotMet);

public sealed record ReminderDto(
    Guid Id,
    Guid? AppointmentId,
    ReminderKind Kind,
    RecipientRole Recipient,
    string RecipientName,
    ReminderChannel Channel,
    DateTime DueUtc,
    ReminderStatus Status,
    int Attempts,
    string? LastError,
    DateTime? SentAtUtc);
