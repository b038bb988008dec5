using Kap.Application.Common.Results;
using Kap.Application.Features.Courses.GetCaseload;
using Kap.Application.Features.Courses.GetCourse;
using Kap.Application.Features.Patients.GetPatient;
using Kap.Application.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Courses;

/// <summary>Who sees which patients: the caseload lists, and the records reachable by id (a URL).</summary>
public sealed class CaseloadAndAccessTests : ClinicTest
{
    private async Task<(Guid Patient, Guid Course)> PatientOfTherapistBAsync(string name)
    {
        _clinic.AsTherapistB();
        var patient = await _clinic.RegisterPatientAsync(name);
        var course = await _clinic.OpenCourseAsync(patient, _clinic.TherapistB, _clinic.NpB);
        return (patient, course);
    }

    private async Task<IReadOnlyList<string>> CaseloadNamesAsync(string? search = null) =>
        (await _app.SendAsync(new GetCaseloadQuery(search))).Value.Courses.Items.Select(r => r.PatientName).ToList();

    [Fact]
    public async Task A_therapist_sees_only_courses_they_are_on()
    {
        await _clinic.PatientOfTherapistAAsync("Ada Alpha");
        await PatientOfTherapistBAsync("Ben Beta");

        _clinic.AsTherapistA();
        Assert.Equal(["Ada Alpha"], await CaseloadNamesAsync());
        _clinic.AsTherapistB();
        Assert.Equal(["Ben Beta"], await CaseloadNamesAsync());
    }

    [Fact]
    public async Task A_nurse_practitioner_sees_the_courses_they_prescribe_for()
    {
        await _clinic.PatientOfTherapistAAsync("Ada Alpha", prescriber: _clinic.NpA);
        await PatientOfTherapistBAsync("Ben Beta");

        _clinic.AsNpA();
        Assert.Equal(["Ada Alpha"], await CaseloadNamesAsync());
        _clinic.AsNpB();
        Assert.Equal(["Ben Beta"], await CaseloadNamesAsync());
    }

    [Fact]
    public async Task An_admin_sees_every_course()
    {
        await _clinic.PatientOfTherapistAAsync("Ada Alpha");
        await PatientOfTherapistBAsync("Ben Beta");

        _clinic.AsAdmin();
        Assert.Equal(["Ada Alpha", "Ben Beta"], await CaseloadNamesAsync());
    }

    [Fact]
    public async Task Therapists_see_all_patients_when_the_clinic_setting_says_so()
    {
        await using var app = await KapTestApp.CreateAsync(new() { ["Access:TherapistsSeeAllPatients"] = "true" });
        var clinic = await Clinic.CreateAsync(app);
        await clinic.PatientOfTherapistAAsync("Ada Alpha");

        clinic.AsTherapistB();
        var rows = (await app.SendAsync(new GetCaseloadQuery())).Value.Courses.Items;
        Assert.Equal(["Ada Alpha"], rows.Select(r => r.PatientName));
        clinic.AsNpB();
        Assert.Empty((await app.SendAsync(new GetCaseloadQuery())).Value.Courses.Items);
    }

    [Fact]
    public async Task Another_clinicians_patient_is_not_reachable_by_id_and_the_attempt_is_audited()
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync("Ada Alpha");
        _clinic.AsTherapistB();

        var courseResult = await _app.SendAsync(new GetCourseQuery(course));
        var patientResult = await _app.SendAsync(new GetPatientQuery(patient));

        Assert.Equal(ErrorKind.NotFound, courseResult.Error!.Kind);
        Assert.Equal(ErrorKind.NotFound, patientResult.Error!.Kind);
        await using var db = _app.Db();
        var refused = await db.AuditEntries.Where(a => a.UserId == _clinic.TherapistB && !a.Success).Select(a => a.Action).ToListAsync();
        Assert.Contains("GetCourse", refused);
        Assert.Contains("GetPatient", refused);
    }

    [Fact]
    public async Task Reading_a_course_leaves_an_audit_entry_naming_the_patient()
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync();

        await _app.SendAsync(new GetCourseQuery(course));

        await using var db = _app.Db();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "GetCourse");
        Assert.True(entry.Success);
        Assert.Equal(patient, entry.PatientId);
        Assert.Equal(course, entry.EntityId);
    }

    [Fact]
    public async Task Search_matches_legal_and_preferred_names_case_insensitively()
    {
        await _clinic.PatientOfTherapistAAsync("Ada Alpha");
        await _clinic.PatientOfTherapistAAsync("Carla Gamma");
        _clinic.AsTherapistA();

        Assert.Equal(["Carla Gamma"], await CaseloadNamesAsync("gAmM"));
        Assert.Empty(await CaseloadNamesAsync("%"));
    }

    [Fact]
    public async Task Pages_hold_the_requested_number_of_rows_and_the_total_counts_them_all()
    {
        for (var i = 0; i < 5; i++)
        {
            await _clinic.PatientOfTherapistAAsync($"Patient {i:00}");
        }

        _clinic.AsTherapistA();
        var page2 = (await _app.SendAsync(new GetCaseloadQuery(Page: 2, PageSize: 2))).Value.Courses;

        Assert.Equal(5, page2.TotalCount);
        Assert.Equal(3, page2.PageCount);
        Assert.Equal(["Patient 02", "Patient 03"], page2.Items.Select(r => r.PatientName));
    }

    [Fact]
    public async Task A_registered_patient_without_a_course_waits_on_their_therapists_caseload()
    {
        _clinic.AsTherapistA();
        var patient = await _clinic.RegisterPatientAsync("Waiting Person");

        var caseload = (await _app.SendAsync(new GetCaseloadQuery())).Value;
        Assert.Equal(patient, Assert.Single(caseload.AwaitingCourse).PatientId);

        _clinic.AsTherapistB();
        Assert.Empty((await _app.SendAsync(new GetCaseloadQuery())).Value.AwaitingCourse);
    }

    [Fact]
    public async Task A_patient_role_cannot_read_the_caseload()
    {
        _app.SignInAs(Guid.NewGuid(), Kap.Application.Common.Security.KapRoles.Patient);

        var result = await _app.SendAsync(new GetCaseloadQuery());

        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
    }
}
