using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Patients.RegisterPatient;
using Kap.Application.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Patients;

public sealed class RegisterPatientTests : ClinicTest
{
    [Fact]
    public async Task Registering_saves_the_patient_creates_their_login_and_sends_an_invitation()
    {
        _clinic.AsTherapistA();
        var command = Clinic.ValidPatient("Jamie Rivera", "jamie@patients.test") with { PreferredName = "Jay" };

        var result = await _app.SendAsync(command);

        Assert.True(result.IsSuccess, result.Error?.Message);
        await using var db = _app.Db();
        var patient = await db.Patients.SingleAsync();
        Assert.Equal("Jamie Rivera", patient.LegalName);
        Assert.Equal("Jay", patient.PreferredName);
        Assert.Equal(_clinic.TherapistA, patient.RegisteredBy);
        Assert.Equal("Casey Rivera", patient.SupportPerson.Name);
        Assert.Equal(KapTestApp.Now.UtcDateTime, patient.RegisteredAtUtc);

        var user = await db.Users.SingleAsync(u => u.Id == patient.UserId);
        Assert.Equal("jamie@patients.test", user.Email);
        Assert.Equal(patient.Id, user.PatientId);
        Assert.Null(user.PasswordHash);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).ToListAsync();
        Assert.Equal([KapRoles.Patient], roles);

        var sent = Assert.Single(_app.Invitations.Sent);
        Assert.Equal("jamie@patients.test", sent.Email);
        Assert.Contains("token=", sent.Link.Query);
        Assert.Equal(1, await db.Invitations.CountAsync(i => i.UserId == user.Id && i.UsedAtUtc == null));
    }

    [Fact]
    public async Task Registering_is_audited_with_the_user_the_action_and_the_patient()
    {
        _clinic.AsTherapistA();
        var id = (await _app.SendAsync(Clinic.ValidPatient())).Value;

        await using var db = _app.Db();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "RegisterPatient");
        Assert.True(entry.Success);
        Assert.Equal(_clinic.TherapistA, entry.UserId);
        Assert.Equal(id, entry.PatientId);
        Assert.Equal("Patient", entry.EntityType);
        Assert.Equal(KapRoles.Therapist, entry.Roles);
        Assert.Equal(KapTestApp.Now.UtcDateTime, entry.AtUtc);
    }

    public static TheoryData<string, Func<RegisterPatientCommand, RegisterPatientCommand>> BadInput => new()
    {
        { "LegalName", c => c with { LegalName = "  " } },
        { "Email", c => c with { Email = "not-an-email" } },
        { "Email", c => c with { Email = "" } },
        { "DateOfBirth", c => c with { DateOfBirth = new DateOnly(2026, 11, 25) } },
        { "DateOfBirth", c => c with { DateOfBirth = new DateOnly(2010, 1, 1) } },
        { "DateOfBirth", c => c with { DateOfBirth = null } },
        { "SupportPersonName", c => c with { SupportPersonName = "" } },
        { "SupportPersonPhone", c => c with { SupportPersonPhone = "call me" } },
        { "TimeZone", c => c with { TimeZone = "Mars/Olympus_Mons" } },
        { "Mobile", c => c with { Mobile = null, ReminderChannel = Kap.Domain.Patients.ReminderChannel.Sms } },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_gets_a_field_message_and_saves_nothing(string field, Func<RegisterPatientCommand, RegisterPatientCommand> spoil)
    {
        _clinic.AsTherapistA();

        var result = await _app.SendAsync(spoil(Clinic.ValidPatient()));

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.True(result.Error.Fields!.ContainsKey(field), $"expected a message for {field}, got {string.Join(",", result.Error.Fields.Keys)}");
        Assert.All(result.Error.Fields[field], m => Assert.False(string.IsNullOrWhiteSpace(m)));
        await using var db = _app.Db();
        Assert.Equal(0, await db.Patients.CountAsync());
        Assert.Equal(0, await db.Invitations.CountAsync());
        Assert.Empty(_app.Invitations.Sent);
    }

    [Fact]
    public async Task Under_age_message_names_the_clinic_minimum()
    {
        _clinic.AsTherapistA();
        var seventeen = new DateOnly(2008, 11, 25); // turns 18 tomorrow in the clinic's time zone

        var result = await _app.SendAsync(Clinic.ValidPatient() with { DateOfBirth = seventeen });

        Assert.Contains("at least 18", result.Error!.Fields!["DateOfBirth"].Single());
    }

    [Fact]
    public async Task Minimum_age_is_a_setting()
    {
        await using var app = await KapTestApp.CreateAsync(new() { ["Clinic:MinimumPatientAge"] = "16" });
        var clinic = await Clinic.CreateAsync(app);
        clinic.AsTherapistA();

        var result = await app.SendAsync(Clinic.ValidPatient() with { DateOfBirth = new DateOnly(2009, 1, 1) });

        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    [Fact]
    public async Task A_second_login_with_the_same_email_is_refused_on_the_email_field()
    {
        _clinic.AsTherapistA();
        await _app.SendAsync(Clinic.ValidPatient(email: "same@patients.test"));

        var result = await _app.SendAsync(Clinic.ValidPatient("Other Person", email: "SAME@patients.test"));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Contains("Email", result.Error.Fields!.Keys);
        await using var db = _app.Db();
        Assert.Equal(1, await db.Patients.CountAsync());
    }

    [Fact]
    public async Task A_nurse_practitioner_may_not_register_patients_and_the_refusal_is_audited()
    {
        _clinic.AsNpA();

        var result = await _app.SendAsync(Clinic.ValidPatient());

        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
        await using var db = _app.Db();
        Assert.Equal(0, await db.Patients.CountAsync());
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "RegisterPatient");
        Assert.False(entry.Success);
        Assert.Equal("forbidden", entry.Outcome);
        Assert.Equal(_clinic.NpA, entry.UserId);
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused()
    {
        _app.SignOut();

        var result = await _app.SendAsync(Clinic.ValidPatient());

        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
        await using var db = _app.Db();
        Assert.Equal(0, await db.Patients.CountAsync());
    }
}
