using Kap.Application.Common.Results;
using Kap.Application.Features.Courses.OpenCourse;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Courses;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Courses;

public sealed class OpenCourseTests : ClinicTest
{
    [Fact]
    public async Task A_new_course_starts_in_Referred_with_its_plan_and_clinicians()
    {
        _clinic.AsTherapistA();
        var patient = await _clinic.RegisterPatientAsync();

        var result = await _app.SendAsync(new OpenCourseCommand(patient, _clinic.TherapistA, _clinic.NpB, Indication.Ptsd | Indication.Trauma, 3, 6, 2, 1));

        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var db = _app.Db();
        var course = await db.Courses.SingleAsync();
        Assert.Equal(CoursePhase.Referred, course.Phase);
        Assert.Equal(patient, course.PatientId);
        Assert.Equal(_clinic.TherapistA, course.PrimaryTherapistId);
        Assert.Equal(_clinic.NpB, course.PrescriberId);
        Assert.Equal(new CoursePlan(3, 6, 2, 1), course.Plan);
        Assert.Equal(Indication.Ptsd | Indication.Trauma, course.Indications);
        Assert.True((await db.AuditEntries.SingleAsync(a => a.Action == "OpenCourse")).Success);
    }

    [Fact]
    public async Task A_patient_with_an_open_course_cannot_get_a_second_one()
    {
        var (patient, _) = await _clinic.PatientOfTherapistAAsync();

        var result = await _app.SendAsync(new OpenCourseCommand(patient, _clinic.TherapistA, _clinic.NpA, Indication.Depression, 1, 6, 1, 1));

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        await using var db = _app.Db();
        Assert.Equal(1, await db.Courses.CountAsync());
    }

    [Fact]
    public async Task The_prescriber_must_be_a_nurse_practitioner_and_the_therapist_a_therapist()
    {
        _clinic.AsTherapistA();
        var patient = await _clinic.RegisterPatientAsync();

        var result = await _app.SendAsync(new OpenCourseCommand(patient, _clinic.NpA, _clinic.TherapistB, Indication.Depression, 1, 6, 1, 1));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Contains("PrimaryTherapistId", result.Error.Fields!.Keys);
        Assert.Contains("PrescriberId", result.Error.Fields.Keys);
        await using var db = _app.Db();
        Assert.Equal(0, await db.Courses.CountAsync());
    }

    [Theory]
    [InlineData(0, 6, 1, 1, "PreparationSessions")]
    [InlineData(1, 0, 1, 1, "DosingSessions")]
    [InlineData(1, 6, 0, 1, "IntegrationSessionsPerDose")]
    [InlineData(1, 6, 1, 0, "IntegrationSessionsAfterSeries")]
    [InlineData(1, 25, 1, 1, "DosingSessions")]
    public async Task Plan_counts_out_of_range_are_refused(int prep, int dosing, int perDose, int after, string field)
    {
        _clinic.AsTherapistA();
        var patient = await _clinic.RegisterPatientAsync();

        var result = await _app.SendAsync(new OpenCourseCommand(patient, _clinic.TherapistA, _clinic.NpA, Indication.Depression, prep, dosing, perDose, after));

        Assert.Contains(field, result.Error!.Fields!.Keys);
    }

    [Fact]
    public async Task At_least_one_indication_is_needed()
    {
        _clinic.AsTherapistA();
        var patient = await _clinic.RegisterPatientAsync();

        var result = await _app.SendAsync(new OpenCourseCommand(patient, _clinic.TherapistA, _clinic.NpA, Indication.None, 1, 6, 1, 1));

        Assert.Contains("Indications", result.Error!.Fields!.Keys);
    }

    [Fact]
    public async Task A_therapist_cannot_open_a_course_for_a_patient_they_cannot_see()
    {
        _clinic.AsTherapistA();
        var patient = await _clinic.RegisterPatientAsync();
        _clinic.AsTherapistB();

        var result = await _app.SendAsync(new OpenCourseCommand(patient, _clinic.TherapistB, _clinic.NpA, Indication.Depression, 1, 6, 1, 1));

        Assert.Equal(ErrorKind.NotFound, result.Error!.Kind);
    }
}
