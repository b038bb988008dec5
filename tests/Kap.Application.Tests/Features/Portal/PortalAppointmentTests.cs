using Kap.Application.Common.Results;
using Kap.Application.Features.Portal;
using Kap.Domain.Portal;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Portal;

/// <summary>The portal's appointments and requests, each tried by the other patient and by staff.</summary>
public sealed class PortalAppointmentTests : PortalTest
{
    [Fact]
    public async Task A_patient_sees_only_their_own_upcoming_appointments_with_the_instructions_for_each()
    {
        await TwoPatientsAsync();
        await BookAsync(_courseA, AppointmentKind.Preparation, 2);
        await BookAsync(_courseA, AppointmentKind.Dosing, 5);
        await BookAsync(_courseB, AppointmentKind.Integration, 3);

        AsPatientA();
        var mine = (await _app.SendAsync(new GetMyAppointmentsQuery())).Value;
        Assert.Equal("Alex Morgan", mine.PatientName);
        Assert.Equal("America/Chicago", mine.TimeZone);
        Assert.Equal([AppointmentKind.Preparation, AppointmentKind.Dosing], mine.Upcoming.Select(a => a.Kind));
        var dosing = mine.Upcoming[1];
        Assert.Equal(["Fasting", "Someone to take you home", "No alcohol", "Medications", "What to bring"], dosing.Before.Select(i => i.Heading));
        Assert.Contains("Nothing to eat for 6 hours", dosing.Before[0].Text);
        Assert.Equal(PatientInstructions.DefaultMedicationText, dosing.Before[3].Text);
        Assert.Contains(dosing.After, i => i.Text.Contains("no opioids or benzodiazepines for 4 hours", StringComparison.Ordinal));
        Assert.Equal("Room 2, 1 Main St", mine.Upcoming[0].Place);

        AsPatientB();
        var theirs = (await _app.SendAsync(new GetMyAppointmentsQuery())).Value;
        Assert.Equal([AppointmentKind.Integration], theirs.Upcoming.Select(a => a.Kind));
    }

    [Fact]
    public async Task Another_patients_appointment_cannot_be_confirmed_or_rescheduled_and_the_attempt_is_audited()
    {
        await TwoPatientsAsync();
        var hers = await BookAsync(_courseA, AppointmentKind.Dosing, 5);

        AsPatientB();
        var refused = await _app.SendAsync(new RequestAppointmentChangeCommand(hers, AppointmentRequestKind.Reschedule, "not mine"));
        Assert.Equal(ErrorKind.NotFound, refused.Error!.Kind);
        var audit = await LastAuditAsync("RequestAppointmentChange");
        Assert.False(audit.Success);
        Assert.Equal(hers, audit.EntityId);
        Assert.Equal(_patientB, audit.PatientId);
        Assert.Equal(_userB, audit.UserId);
        await using var db = _app.Db();
        Assert.Equal(0, await db.AppointmentRequests.CountAsync());
    }

    [Fact]
    public async Task Staff_and_signed_out_users_are_refused_the_portal_messages()
    {
        await TwoPatientsAsync();
        var appointment = await BookAsync(_courseA, AppointmentKind.Dosing, 5);
        _clinic.AsTherapistA();
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new GetMyAppointmentsQuery())).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new RequestAppointmentChangeCommand(appointment, AppointmentRequestKind.Confirm, null))).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new GetMyCourseQuery())).Error!.Kind);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new GetMyPreferencesQuery())).Error!.Kind);
        _app.SignOut();
        Assert.NotNull((await _app.SendAsync(new GetMyAppointmentsQuery())).Error);
    }

    [Fact]
    public async Task A_reschedule_request_reaches_the_clinician_staff_handle_it_and_the_patient_sees_its_state()
    {
        await TwoPatientsAsync();
        var appointment = await BookAsync(_courseA, AppointmentKind.Dosing, 5);

        AsPatientA();
        Ok(await _app.SendAsync(new RequestAppointmentChangeCommand(appointment, AppointmentRequestKind.Confirm, null)));
        Ok(await _app.SendAsync(new RequestAppointmentChangeCommand(appointment, AppointmentRequestKind.Confirm, null))); // twice: one request
        Ok(await _app.SendAsync(new RequestAppointmentChangeCommand(appointment, AppointmentRequestKind.Reschedule, "Away for work that week")));
        var again = await _app.SendAsync(new RequestAppointmentChangeCommand(appointment, AppointmentRequestKind.Reschedule, null));
        Assert.Contains("already asked", again.Error!.Message);
        var listed = (await _app.SendAsync(new GetMyAppointmentsQuery())).Value.Upcoming.Single();
        Assert.Equal((AppointmentRequestKind.Reschedule, AppointmentRequestStatus.Open), (listed.LastRequest!.Value, listed.LastRequestStatus!.Value));

        await using (var db = _app.Db())
        {
            Assert.Equal(2, await db.AppointmentRequests.CountAsync());
            var message = await db.InboxMessages.SingleAsync(m => m.UserId == _clinic.NpA && m.Subject.Contains("reschedule"));
            Assert.Contains("Away for work that week", message.Body);
        }

        _clinic.AsTherapistB();
        Assert.Empty((await _app.SendAsync(new GetAppointmentRequestsQuery())).Value);
        _clinic.AsTherapistA();
        var request = Assert.Single((await _app.SendAsync(new GetAppointmentRequestsQuery())).Value);
        Assert.Equal("Alex Morgan", request.PatientName);
        _clinic.AsTherapistB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new HandleAppointmentRequestCommand(request.Id, null))).Error!.Kind);
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new HandleAppointmentRequestCommand(request.Id, "Moved to the following Tuesday")));
        Assert.Empty((await _app.SendAsync(new GetAppointmentRequestsQuery())).Value);
    }

    [Fact]
    public async Task A_past_or_cancelled_appointment_takes_no_request()
    {
        await TwoPatientsAsync();
        var appointment = await BookAsync(_courseA, AppointmentKind.Preparation, 1);
        _app.Clock.Advance(TimeSpan.FromDays(2));
        AsPatientA();
        var late = await _app.SendAsync(new RequestAppointmentChangeCommand(appointment, AppointmentRequestKind.Reschedule, null));
        Assert.Contains("already started or taken place", late.Error!.Message);
    }

    [Fact]
    public async Task The_prescribers_medication_instructions_replace_the_default_for_dosing()
    {
        await TwoPatientsAsync();
        await BookAsync(_courseA, AppointmentKind.Dosing, 5);
        await using (var db = _app.Db())
        {
            db.DosePlans.Add(new Kap.Domain.Preparation.DosePlan(_courseA, _clinic.NpA, Kap.Domain.Preparation.Route.EsketamineNasal, Kap.Domain.Preparation.DoseBasis.FixedMg,
                56m, null, _clinic.NpA, _app.Clock.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync();
        }

        _clinic.AsNpA();
        Ok(await _app.SendAsync(new Kap.Application.Features.Preparation.DosePlan.SetPatientMedicationInstructionsCommand(_courseA, "Skip your evening lorazepam the night before.")));
        _clinic.AsNpB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new Kap.Application.Features.Preparation.DosePlan.SetPatientMedicationInstructionsCommand(_courseA, "x"))).Error!.Kind);

        AsPatientA();
        var dosing = (await _app.SendAsync(new GetMyAppointmentsQuery())).Value.Upcoming.Single();
        Assert.Equal("Skip your evening lorazepam the night before.", dosing.Before.Single(i => i.Heading == "Medications").Text);
        Assert.Contains("Nothing to eat for 2 hours", dosing.Before[0].Text); // esketamine's own fasting rule
        Assert.Contains("30 minutes before", dosing.Before[0].Text);
    }

    private static void Ok(Result result) => Assert.True(result.IsSuccess, result.Error?.Message);
}
