using Kap.Application.Common.Results;
using Kap.Application.Features.Patients.RegisterPatient;
using Kap.Application.Features.Scheduling.BookAppointment;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Scheduling;

/// <summary>
/// Helpers shared by the scheduling and reminder tests. The clock starts on Tuesday 24 November 2026,
/// 15:00Z; the clinic is in New York and the test patients in Chicago (one hour behind), outside DST.
/// </summary>
public abstract class SchedulingTest : ClinicTest
{
    /// <summary>Tuesday 1 December 2026 at 13:00 in the clinic: 18:00Z, 12:00 for a patient in Chicago.</summary>
    protected static readonly DateTime DosingLocal = new(2026, 12, 1, 13, 0, 0);

    protected static readonly DateTime DosingUtc = Utc(2026, 12, 1, 18);

    /// <summary>The default dosing length is 120 minutes.</summary>
    protected static readonly DateTime DosingEndUtc = Utc(2026, 12, 1, 20);

    protected static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    protected static string Describe(Error? error) => error is null
        ? ""
        : string.Join(" | ", new[] { $"{error.Kind}: {error.Message}" }
            .Concat(error.Details ?? [])
            .Concat((error.Fields ?? new Dictionary<string, string[]>()).Select(f => $"{f.Key}: {string.Join(", ", f.Value)}")));

    protected Task<Result<Guid>> BookAsync(Guid course, AppointmentKind kind, DateTime local, Guid clinician, Guid? room = null, int? lengthMinutes = null) =>
        _app.SendAsync(new BookAppointmentCommand(course, kind, local, lengthMinutes, clinician, null, room, null));

    protected async Task<Guid> BookOkAsync(Guid course, AppointmentKind kind, DateTime local, Guid clinician, Guid? room = null, int? lengthMinutes = null)
    {
        var result = await BookAsync(course, kind, local, clinician, room, lengthMinutes);
        Assert.True(result.IsSuccess, Describe(result.Error));
        return result.Value;
    }

    /// <summary>Books the standard dosing session (1 December, 13:00 clinic time) with the course's prescriber, NP A.</summary>
    protected Task<Guid> BookDosingAsync(Guid course, Guid? room = null) => BookOkAsync(course, AppointmentKind.Dosing, DosingLocal, _clinic.NpA, room);

    /// <summary>There is no command to create rooms yet.</summary>
    protected async Task<Guid> AddRoomAsync(string name = "Room 1")
    {
        await using var db = _app.Db();
        var room = new Room(name);
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room.Id;
    }

    /// <summary>Registers a patient as therapist A with a chosen reminder channel and time zone, and opens a course with A and NP A.</summary>
    protected async Task<(Guid Patient, Guid Course)> PatientAsync(string name, Kap.Domain.Patients.ReminderChannel channel, string timeZone = "America/Chicago")
    {
        _clinic.AsTherapistA();
        RegisterPatientCommand command = Clinic.ValidPatient(name) with { ReminderChannel = channel, TimeZone = timeZone };
        var registered = await _app.SendAsync(command);
        Assert.True(registered.IsSuccess, Describe(registered.Error));
        var course = await _clinic.OpenCourseAsync(registered.Value, _clinic.TherapistA, _clinic.NpA);
        return (registered.Value, course);
    }

    protected async Task<Guid> PatientUserAsync(Guid patient)
    {
        await using var db = _app.Db();
        return await db.Patients.Where(p => p.Id == patient).Select(p => p.UserId!.Value).SingleAsync();
    }

    protected async Task<List<Reminder>> RemindersAsync(Guid? appointment = null)
    {
        await using var db = _app.Db();
        return await db.Reminders.AsNoTracking().Where(r => appointment == null || r.AppointmentId == appointment).ToListAsync();
    }

    protected async Task<Appointment> AppointmentAsync(Guid appointment)
    {
        await using var db = _app.Db();
        return await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == appointment);
    }

    protected void ClockAt(DateTime utc) => _app.Clock.SetUtcNow(new DateTimeOffset(utc));

    /// <summary>One dispatcher pass as the scheduled job runs it (as System); therapist A is signed in again afterwards.</summary>
    protected async Task<int> DispatchAsync()
    {
        _app.SignInAsSystem();
        try
        {
            return await _app.DispatchAsync();
        }
        finally
        {
            _clinic.AsTherapistA();
        }
    }
}
