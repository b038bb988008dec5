using Kap.Application.Common.Security;
using Kap.Application.Features.Courses.OpenCourse;
using Kap.Application.Features.Patients.RegisterPatient;
using Kap.Domain.Courses;
using Kap.Domain.Patients;

namespace Kap.Application.Tests.Infrastructure;

/// <summary>A small clinic for handler tests: two therapists, two NPs, an admin, and helpers to register patients and open courses.</summary>
public sealed class Clinic
{
    private Clinic(KapTestApp app) => App = app;

    public KapTestApp App { get; }
    public Guid Admin { get; private set; }
    public Guid TherapistA { get; private set; }
    public Guid TherapistB { get; private set; }
    public Guid NpA { get; private set; }
    public Guid NpB { get; private set; }

    public static async Task<Clinic> CreateAsync(KapTestApp app)
    {
        var clinic = new Clinic(app)
        {
            Admin = await app.CreateUserAsync(KapRoles.Admin, "Admin"),
            TherapistA = await app.CreateUserAsync(KapRoles.Therapist, "Therapist A"),
            TherapistB = await app.CreateUserAsync(KapRoles.Therapist, "Therapist B"),
            NpA = await app.CreateUserAsync(KapRoles.NursePractitioner, "NP A"),
            NpB = await app.CreateUserAsync(KapRoles.NursePractitioner, "NP B"),
        };
        return clinic;
    }

    public void AsAdmin() => App.SignInAs(Admin, KapRoles.Admin);
    public void AsTherapistA() => App.SignInAs(TherapistA, KapRoles.Therapist);
    public void AsTherapistB() => App.SignInAs(TherapistB, KapRoles.Therapist);
    public void AsNpA() => App.SignInAs(NpA, KapRoles.NursePractitioner);
    public void AsNpB() => App.SignInAs(NpB, KapRoles.NursePractitioner);

    public static RegisterPatientCommand ValidPatient(string legalName = "Jamie Rivera", string? email = null) => new(
        LegalName: legalName,
        PreferredName: null,
        DateOfBirth: new DateOnly(1985, 5, 17),
        Email: email ?? $"{Guid.NewGuid():N}@patients.test",
        Mobile: "+1 555 123 4567",
        ReminderChannel: ReminderChannel.Email,
        TimeZone: "America/Chicago",
        SupportPersonName: "Casey Rivera",
        SupportPersonRelationship: "Sibling",
        SupportPersonPhone: "+1 555 765 4321",
        SupportPersonEmail: null);

    /// <summary>Registers a patient as therapist A (unless another user is signed in) and returns its id.</summary>
    public async Task<Guid> RegisterPatientAsync(string legalName = "Jamie Rivera")
    {
        var result = await App.SendAsync(ValidPatient(legalName));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    public async Task<Guid> OpenCourseAsync(Guid patientId, Guid therapist, Guid prescriber)
    {
        var result = await App.SendAsync(new OpenCourseCommand(patientId, therapist, prescriber, Indication.Depression, 1, 6, 1, 1));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    /// <summary>Therapist A registers a patient and opens a course with A and NP A; returns (patient, course). Leaves A signed in.</summary>
    public async Task<(Guid Patient, Guid Course)> PatientOfTherapistAAsync(string legalName = "Jamie Rivera", Guid? prescriber = null)
    {
        AsTherapistA();
        var patient = await RegisterPatientAsync(legalName);
        var course = await OpenCourseAsync(patient, TherapistA, prescriber ?? NpA);
        return (patient, course);
    }
}
