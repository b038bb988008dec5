using Kap.Application.Common.Results;
using Kap.Application.Features.Portal;
using Kap.Application.Features.Preparation.Consent;
using Kap.Application.Features.Preparation.GetPreparation;
using Kap.Domain.Patients;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Portal;

public sealed class PortalCourseAndPreferencesTests : PortalTest
{
    [Fact]
    public async Task A_patient_reads_and_signs_the_current_consent_which_counts_once_a_clinician_countersigns()
    {
        await TwoPatientsAsync();
        _clinic.AsAdmin();
        var version = (await _app.SendAsync(new PublishConsentVersionCommand("Consent to KAP", "You agree to…"))).Value;

        AsPatientA();
        var course = (await _app.SendAsync(new GetMyCourseQuery())).Value;
        Assert.Equal(_courseA, course.CourseId);
        Assert.True(course.Consent.MustSign);
        Assert.Equal("You agree to…", course.Consent.Text);

        var wrongName = await _app.SendAsync(new SignMyConsentCommand(version, "Alex M"));
        Assert.Contains("full legal name", string.Join(" ", wrongName.Error!.Fields!.Values.SelectMany(v => v)));
        var sig = await _app.SendAsync(new SignMyConsentCommand(version, " alex  morgan "));
        Assert.True(sig.IsSuccess, sig.Error?.Message);
        var signed = (await _app.SendAsync(new GetMyCourseQuery())).Value.Consent;
        Assert.False(signed.MustSign);
        Assert.True(signed.AwaitingCountersign);
        Assert.Contains("already signed", (await _app.SendAsync(new SignMyConsentCommand(version, "Alex Morgan"))).Error!.Message);

        // Patient B's course is untouched by A's signature.
        AsPatientB();
        Assert.True((await _app.SendAsync(new GetMyCourseQuery())).Value.Consent.MustSign);

        _clinic.AsTherapistA();
        var prep = (await _app.SendAsync(new GetPreparationQuery(_courseA))).Value;
        Assert.False(prep.Consent.IsCurrent);
        Assert.NotNull(prep.Consent.AwaitingCountersignAtUtc);
        Assert.True((await _app.SendAsync(new CountersignConsentCommand(_courseA))).IsSuccess);
        Assert.True((await _app.SendAsync(new GetPreparationQuery(_courseA))).Value.Consent.IsCurrent);
        Assert.Contains("no patient signature", (await _app.SendAsync(new CountersignConsentCommand(_courseB))).Error!.Message);
    }

    [Fact]
    public async Task The_course_timeline_is_the_patients_own()
    {
        await TwoPatientsAsync();
        await BookAsync(_courseA, AppointmentKind.Preparation, 2);
        AsPatientA();
        var course = (await _app.SendAsync(new GetMyCourseQuery())).Value;
        Assert.Equal(["Preparation", "Dosing sessions", "Integration"], course.Steps.Select(s => s.Name));
        Assert.Equal(MyStepStatus.Current, course.Steps[0].Status);
        Assert.Contains("0 of 1 (1 booked)", course.Steps[0].Detail);
        Assert.Equal("0 of 6 dosing sessions done.", course.Steps[1].Detail);

        AsPatientB();
        Assert.Contains("0 of 1 preparation", (await _app.SendAsync(new GetMyCourseQuery())).Value.Steps[0].Detail);
    }

    [Fact]
    public async Task Preferences_change_the_channel_and_quiet_hours_of_reminders_already_planned()
    {
        await TwoPatientsAsync();
        await BookAsync(_courseA, AppointmentKind.Preparation, 5, hour: 9); // its −24 h reminder falls at 09:00 Chicago's day before
        AsPatientA();
        var prefs = (await _app.SendAsync(new GetMyPreferencesQuery())).Value;
        Assert.Equal(ReminderChannel.Email, prefs.Channel);
        Assert.False(prefs.SmsAvailable);

        var sms = await _app.SendAsync(new UpdateMyPreferencesCommand(prefs.Version, ReminderChannel.Sms, null, null, "America/Chicago"));
        Assert.Contains("not available", string.Join(" ", sms.Error!.Fields!.Values.SelectMany(v => v)));
        var half = await _app.SendAsync(new UpdateMyPreferencesCommand(prefs.Version, ReminderChannel.InApp, new TimeOnly(7, 0), null, "America/Chicago"));
        Assert.Equal(ErrorKind.Validation, half.Error!.Kind);
        var zone = await _app.SendAsync(new UpdateMyPreferencesCommand(prefs.Version, ReminderChannel.InApp, null, null, "Mars/Olympus"));
        Assert.Equal(ErrorKind.Validation, zone.Error!.Kind);

        await using (var db = _app.Db())
        {
            Assert.Contains(await db.Reminders.Where(r => r.RecipientUserId == _userA && r.Status == ReminderStatus.Planned).ToListAsync(), r => r.Channel == ReminderChannel.Email);
        }

        // Quiet until 10:00: the 08:00 (Chicago) reminder moves to 10:00; email copies go.
        Ok(await _app.SendAsync(new UpdateMyPreferencesCommand(prefs.Version, ReminderChannel.InApp, new TimeOnly(20, 0), new TimeOnly(10, 0), "America/Chicago")));
        await using (var db = _app.Db())
        {
            var planned = await db.Reminders.Where(r => r.RecipientUserId == _userA && r.Status == ReminderStatus.Planned).ToListAsync();
            Assert.NotEmpty(planned);
            Assert.All(planned, r => Assert.Equal(ReminderChannel.InApp, r.Channel));
            var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
            Assert.All(planned, r =>
            {
                var local = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(r.DueUtc, chicago));
                Assert.False(local >= new TimeOnly(20, 0) || local < new TimeOnly(10, 0), $"{r.Kind} at {local} is inside the quiet hours");
            });
            var patient = await db.Patients.SingleAsync(p => p.Id == _patientA);
            Assert.Equal((new TimeOnly(20, 0), new TimeOnly(10, 0)), (patient.QuietHoursStart!.Value, patient.QuietHoursEnd!.Value));
            Assert.Null((await db.Patients.SingleAsync(p => p.Id == _patientB)).QuietHoursStart);
        }

        var stale = await _app.SendAsync(new UpdateMyPreferencesCommand(prefs.Version, ReminderChannel.Email, null, null, "America/Chicago"));
        Assert.Equal(ErrorKind.Conflict, stale.Error!.Kind);
    }

    private static void Ok(Result result) => Assert.True(result.IsSuccess, result.Error?.Message + " " + string.Join(" | ", result.Error?.Details ?? []));
}
