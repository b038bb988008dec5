using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Auditing;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Integration;
using Kap.Domain.Measures;
using Kap.Domain.Patients;
using Kap.Domain.Portal;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Performance;

/// <summary>
/// Adds many rows at once straight through a DbContext (one SaveChanges each), not through the pipeline: a budget test
/// needs 1,000 rows in a second, not 1,000 audited commands. The rows are valid domain objects made by their own
/// constructors and factories, so the handlers read them like any others.
/// </summary>
internal sealed class BulkSeed(KapTestApp app)
{
    private static readonly int?[] Phq9WithItem9 = [2, 2, 1, 1, 2, 1, 1, 2, 1];
    private static readonly int?[] Phq9 = [2, 2, 1, 1, 2, 1, 1, 2, 0];
    private int _next;

    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    public Patient NewPatient(Guid registeredBy) => new($"Bulk Patient {++_next:D5}", _next % 3 == 0 ? $"B{_next}" : null, new DateOnly(1980, 1, 1),
        $"bulk{_next}-{Guid.NewGuid():N}@patients.test", null, ReminderChannel.Email, "America/Chicago",
        new SupportPerson { Name = "Support", Relationship = "Friend", Phone = "+1 555 000 0000" }, registeredBy, Now.AddDays(-_next % 40));

    /// <summary><paramref name="count"/> patients registered by the therapist, each with a course of the therapist and the NP.</summary>
    public async Task<List<Course>> CoursesAsync(int count, Guid therapist, Guid prescriber)
    {
        await using var db = app.Db();
        var courses = new List<Course>(count);
        for (var i = 0; i < count; i++)
        {
            var patient = NewPatient(therapist);
            db.Patients.Add(patient);
            courses.Add(new Course(patient.Id, therapist, prescriber, Indication.Depression, CoursePlan.Default, Now.AddDays(-i % 60), therapist));
        }

        db.Courses.AddRange(courses);
        await db.SaveChangesAsync();
        return courses;
    }

    /// <summary>Patients the therapist registered who have no course yet (the caseload's "waiting for a course").</summary>
    public async Task PatientsWithoutCourseAsync(int count, Guid registeredBy)
    {
        await using var db = app.Db();
        for (var i = 0; i < count; i++)
        {
            db.Patients.Add(NewPatient(registeredBy));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>A PHQ-9 with item 9 above 0 on each course: a risk alert without a risk assessment.</summary>
    public async Task RiskAlertsAsync(IEnumerable<Course> courses, Guid recordedBy)
    {
        await using var db = app.Db();
        var result = MeasureScoring.Score(Instrument.Phq9, Phq9WithItem9);
        foreach (var (c, i) in courses.Select((c, i) => (c, i)))
        {
            db.MeasureRecords.Add(new MeasureRecord(c.Id, c.PatientId, result, Phq9WithItem9, recordedBy, Now.AddMinutes(-i - 1)));
        }

        await db.SaveChangesAsync();
    }

    /// <summary><paramref name="count"/> PHQ-9s on one course, a week apart backwards from now.</summary>
    public async Task MeasuresAsync(Guid course, Guid patient, int count, Guid recordedBy)
    {
        await using var db = app.Db();
        var result = MeasureScoring.Score(Instrument.Phq9, Phq9);
        for (var i = 0; i < count; i++)
        {
            db.MeasureRecords.Add(new MeasureRecord(course, patient, result, Phq9, recordedBy, Now.AddDays(-7 * (i + 1))));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Booked appointments of one kind, starting at <paramref name="firstStartUtc"/> and every <paramref name="every"/> after.</summary>
    public async Task<List<Appointment>> AppointmentsAsync(IReadOnlyList<Course> courses, int count, DateTime firstStartUtc, TimeSpan every, Guid clinician,
        AppointmentKind kind = AppointmentKind.Integration, Guid? secondClinician = null, IReadOnlyList<Guid>? rooms = null, string? location = null)
    {
        await using var db = app.Db();
        var list = new List<Appointment>(count);
        for (var i = 0; i < count; i++)
        {
            var course = courses[i % courses.Count];
            var start = firstStartUtc + (every * i);
            list.Add(new Appointment(course.Id, course.PatientId, kind, start, start.AddMinutes(60), clinician, secondClinician,
                rooms is { Count: > 0 } ? rooms[i % rooms.Count] : null, location, gateNotMet: false, clinician, Now.AddDays(-30)));
        }

        db.Appointments.AddRange(list);
        await db.SaveChangesAsync();
        return list;
    }

    public async Task<List<Guid>> RoomsAsync(int count)
    {
        await using var db = app.Db();
        var rooms = Enumerable.Range(0, count).Select(_ => new Room($"Room {++_next:D5}")).ToList();
        db.Rooms.AddRange(rooms);
        await db.SaveChangesAsync();
        return [.. rooms.Select(r => r.Id)];
    }

    /// <summary>An open "I need to reschedule" request from the patient on each appointment.</summary>
    public async Task RescheduleRequestsAsync(IEnumerable<Appointment> appointments)
    {
        await using var db = app.Db();
        foreach (var a in appointments)
        {
            db.AppointmentRequests.Add(new AppointmentRequest(a.Id, a.PatientId, a.CourseId, AppointmentRequestKind.Reschedule, "Can we move it?", Now.AddHours(-1)));
        }

        await db.SaveChangesAsync();
    }

    public async Task InboxMessagesAsync(Guid user, int count)
    {
        await using var db = app.Db();
        for (var i = 0; i < count; i++)
        {
            db.InboxMessages.Add(new InboxMessage(user, "A message", "Body", Now.AddMinutes(-i), reminderId: null));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Integration notes on the course, one a week backwards from now, every third raising a concern.</summary>
    public async Task IntegrationNotesAsync(Guid course, int count, Guid recordedBy)
    {
        await using var db = app.Db();
        for (var i = 0; i < count; i++)
        {
            var (note, result) = IntegrationNote.Create(course, null, null, Now.AddDays(-7 * (i + 1)), "Felt calm", null, "calm", null,
                i % 3 == 0 ? IntegrationRiskCheck.ConcernRaised : IntegrationRiskCheck.NoConcerns, i % 3 == 0 ? "Passing thoughts" : null, recordedBy, Now, null);
            Assert.True(result.IsSuccess, string.Join("; ", result.Problems));
            db.IntegrationNotes.Add(note!);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Vitals readings on a session, a minute apart after <paramref name="fromUtc"/>, and a sedation score with every tenth.</summary>
    public async Task VitalsAsync(Guid session, int count, DateTime fromUtc, Guid recordedBy)
    {
        await using var db = app.Db();
        for (var i = 0; i < count; i++)
        {
            var at = fromUtc.AddSeconds(30 * (i + 1));
            db.SessionVitals.Add(new SessionVitals(session, Guid.NewGuid(), new VitalSigns(at, 120 + (i % 20), 80, 72, 98), isPreDose: false, recordedBy));
            if (i % 10 == 0)
            {
                db.SedationEntries.Add(new SedationEntry(session, Guid.NewGuid(), 4, 5, at, recordedBy));
            }
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Planned reminders for the appointments: a tenth already due (in the last half hour), the rest due within the next 500 hours.</summary>
    public async Task RemindersAsync(IReadOnlyList<Appointment> appointments, int count, Guid recipient)
    {
        await using var db = app.Db();
        for (var i = 0; i < count; i++)
        {
            var a = appointments[i % appointments.Count];
            var due = i % 10 == 0 ? Now.AddMinutes(-i % 30 - 1) : Now.AddHours(1 + (i % 500));
            db.Reminders.Add(new Reminder(ReminderKind.AppointmentReminder, RecipientRole.Patient, recipient, ReminderChannel.InApp, due, null, a.Id, a.CourseId,
                a.PatientId, Now.AddDays(-1)));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Successful RescheduleAppointment audit entries naming each appointment, sealed into the chain like the pipeline's
    /// (the calendar feed counts them for SEQUENCE).
    /// </summary>
    public async Task RescheduleAuditsAsync(IEnumerable<Appointment> appointments, Guid by)
    {
        await using var db = app.Db();
        var last = await db.AuditEntries.Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync();
        var (sequence, hash) = (last?.Sequence, last?.Hash);
        foreach (var a in appointments)
        {
            var entry = new AuditEntry(Now.AddMinutes(-5), by, "therapist", "Therapist", "RescheduleAppointment", nameof(Appointment), a.Id, a.PatientId, true, "ok");
            entry.Seal(sequence, hash);
            (sequence, hash) = (entry.Sequence, entry.Hash);
            db.AuditEntries.Add(entry);
        }

        await db.SaveChangesAsync();
    }
}
