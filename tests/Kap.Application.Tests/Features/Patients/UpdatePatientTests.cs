using Kap.Application.Common.Results;
using Kap.Application.Features.Patients.GetPatient;
using Kap.Application.Features.Patients.UpdatePatient;
using Kap.Application.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Patients;

public sealed class UpdatePatientTests : ClinicTest
{
    private static UpdatePatientCommand Edit(PatientDto p, string legalName) => new(p.Id, p.Version, legalName, p.PreferredName, p.DateOfBirth, p.Mobile,
        p.ReminderChannel, p.TimeZone, p.SupportPersonName, p.SupportPersonRelationship, p.SupportPersonPhone, p.SupportPersonEmail);

    [Fact]
    public async Task An_edit_from_the_current_version_is_saved_and_gets_a_new_version()
    {
        var (patientId, _) = await _clinic.PatientOfTherapistAAsync();
        var loaded = (await _app.SendAsync(new GetPatientQuery(patientId))).Value;

        var result = await _app.SendAsync(Edit(loaded, "Jamie Rivera-Stone"));

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.NotEqual(loaded.Version, result.Value);
        var reloaded = (await _app.SendAsync(new GetPatientQuery(patientId))).Value;
        Assert.Equal("Jamie Rivera-Stone", reloaded.LegalName);
        Assert.Equal(result.Value, reloaded.Version);
    }

    [Fact]
    public async Task A_concurrent_edit_is_refused_with_a_conflict_and_never_overwrites()
    {
        var (patientId, _) = await _clinic.PatientOfTherapistAAsync();
        var first = (await _app.SendAsync(new GetPatientQuery(patientId))).Value;
        var second = (await _app.SendAsync(new GetPatientQuery(patientId))).Value;
        Assert.True((await _app.SendAsync(Edit(first, "Saved First"))).IsSuccess);

        var result = await _app.SendAsync(Edit(second, "Saved Second"));

        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Contains("Someone else changed this record", result.Error.Message);
        await using var db = _app.Db();
        Assert.Equal("Saved First", (await db.Patients.SingleAsync()).LegalName);
        var audit = await db.AuditEntries.Where(a => a.Action == "UpdatePatient").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["ok", "conflict"], audit.Select(a => a.Outcome));
    }

    [Fact]
    public async Task Another_therapist_cannot_edit_a_patient_outside_their_care()
    {
        var (patientId, _) = await _clinic.PatientOfTherapistAAsync();
        var loaded = (await _app.SendAsync(new GetPatientQuery(patientId))).Value;
        _clinic.AsTherapistB();

        var result = await _app.SendAsync(Edit(loaded, "Hijacked"));

        Assert.Equal(ErrorKind.NotFound, result.Error!.Kind);
        await using var db = _app.Db();
        Assert.Equal("Jamie Rivera", (await db.Patients.SingleAsync()).LegalName);
    }
}
