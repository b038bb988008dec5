using Kap.Application.Common.Security;
using Kap.Application.Features.Scheduling.BookAppointment;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Auditing;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Portal;

/// <summary>Two patients of therapist A, each signed in to the portal as their own user, with bookings made by staff.</summary>
public abstract class PortalTest : ClinicTest
{
#pragma warning disable CA1051 // test base
    protected Guid _patientA;
    protected Guid _courseA;
    protected Guid _userA;
    protected Guid _patientB;
    protected Guid _courseB;
    protected Guid _userB;
#pragma warning restore CA1051

    protected async Task TwoPatientsAsync()
    {
        (_patientA, _courseA) = await _clinic.PatientOfTherapistAAsync("Alex Morgan");
        (_patientB, _courseB) = await _clinic.PatientOfTherapistAAsync("Blair Quinn");
        _userA = await _app.CreateUserAsync(KapRoles.Patient, "Alex Morgan");
        _userB = await _app.CreateUserAsync(KapRoles.Patient, "Blair Quinn");
        await using var db = _app.Db();
        (await db.Patients.SingleAsync(p => p.Id == _patientA)).UserId = _userA;
        (await db.Patients.SingleAsync(p => p.Id == _patientB)).UserId = _userB;
        await db.SaveChangesAsync();
    }

    /// <summary>Books as therapist A, <paramref name="days"/> days ahead at 10:00 clinic time; returns the appointment.</summary>
    protected async Task<Guid> BookAsync(Guid course, AppointmentKind kind, int days, int hour = 10)
    {
        _clinic.AsTherapistA();
        var local = _app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(days).AddHours(hour);
        var clinician = kind is AppointmentKind.Dosing or AppointmentKind.MedicalClearance ? _clinic.NpA : _clinic.TherapistA;
        var result = await _app.SendAsync(new BookAppointmentCommand(course, kind, local, null, clinician, null, null, kind == AppointmentKind.Dosing ? null : "Room 2, 1 Main St"));
        Assert.True(result.IsSuccess, result.Error?.Message + " " + string.Join(" | ", result.Error?.Details ?? []));
        return result.Value;
    }

    protected void AsPatientA() => _app.SignInAs(_userA, KapRoles.Patient);

    protected void AsPatientB() => _app.SignInAs(_userB, KapRoles.Patient);

    protected async Task<AuditEntry> LastAuditAsync(string action)
    {
        await using var db = _app.Db();
        return await db.AuditEntries.Where(e => e.Action == action).OrderByDescending(e => e.Id).FirstAsync();
    }
}
