using Kap.Application.Features.Dosing;
using Kap.Application.Features.Integration;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Tests.Features.Dosing;
using Kap.Domain.Courses;
using Kap.Domain.Integration;
using Kap.Domain.Measures;
using Kap.Domain.Scheduling;

namespace Kap.Application.Tests.Features.Integration;

/// <summary>A course in Dosing with helpers to give whole doses and to write integration notes.</summary>
public abstract class IntegrationTest : DosingTest
{
    protected static RecordIntegrationNoteCommand Note(Guid course, Guid? session, Guid? appointment = null, IntegrationRiskCheck risk = IntegrationRiskCheck.NoConcerns,
        string? riskNote = null) =>
        new(course, session, appointment, null, "Felt held; saw her grief clearly.", "Grief is love with nowhere to go", "grief, connection, Grief",
            "Ten minutes of journalling each morning", risk, riskNote);

    /// <summary>An integration appointment with therapist A, written straight to the database (booking has its own tests).</summary>
    protected async Task<Guid> IntegrationAppointmentAsync(DateTime startUtc)
    {
        await using var db = _app.Db();
        var patient = db.Courses.Single(c => c.Id == _course).PatientId;
        var appointment = new Appointment(_course, patient, AppointmentKind.Integration, startUtc, startUtc.AddMinutes(50), _clinic.TherapistA, null, null, "Room 2",
            false, _clinic.TherapistA, _app.Clock.GetUtcNow().UtcDateTime);
        db.Appointments.Add(appointment);
        await db.SaveChangesAsync();
        return appointment.Id;
    }

    protected DateTime Now => _app.Clock.GetUtcNow().UtcDateTime;

    protected async Task MoveToAsync(params CoursePhase[] phases)
    {
        foreach (var phase in phases)
        {
            Ok(await MoveAsync(_course, phase));
        }
    }
}
