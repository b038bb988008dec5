using Kap.Application.Common.Results;
using Kap.Domain.Patients;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Scheduling;

public sealed class BookAppointmentTests : SchedulingTest
{
    [Fact]
    public async Task Booking_a_dosing_session_plans_its_reminders_as_rows_per_recipient_and_channel()
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync();
        var patientUser = await PatientUserAsync(patient);

        var appointment = await BookDosingAsync(course);

        var saved = await AppointmentAsync(appointment);
        Assert.Equal(DosingUtc, saved.StartUtc);
        Assert.Equal(DosingEndUtc, saved.EndUtc);
        Assert.Equal(_clinic.NpA, saved.ClinicianId);
        Assert.Equal(AppointmentStatus.Booked, saved.Status);

        var reminders = await RemindersAsync(appointment);
        Assert.All(reminders, r =>
        {
            Assert.Equal(ReminderStatus.Planned, r.Status);
            Assert.Equal(patient, r.PatientId);
            Assert.Equal(course, r.CourseId);
            Assert.Equal(0, r.Attempts);
        });

        // The patient's channel is Email: every patient reminder is planned in-app and by email.
        // Whole-day offsets keep the wall-clock time in the patient's zone (12:00 in Chicago), −2 h is elapsed time.
        var expectedForPatient = new (ReminderKind Kind, DateTime Due, DateTime? Expires)[]
        {
            (ReminderKind.DosingPreparation, Utc(2026, 11, 28, 18), DosingUtc),
            (ReminderKind.DosingChecklist, Utc(2026, 11, 30, 18), DosingUtc),
            (ReminderKind.DosingSoon, Utc(2026, 12, 1, 16), DosingUtc),
            (ReminderKind.NextDayCheckIn, Utc(2026, 12, 2, 20), Utc(2026, 12, 5, 20)),
        };
        var toPatient = reminders.Where(r => r.RecipientRole == RecipientRole.Patient).ToList();
        Assert.Equal(8, toPatient.Count);
        Assert.All(toPatient, r => Assert.Equal(patientUser, r.RecipientUserId));
        foreach (var (kind, due, expires) in expectedForPatient)
        {
            var rows = toPatient.Where(r => r.Kind == kind).OrderBy(r => r.Channel).ToList();
            Assert.Equal([ReminderChannel.Email, ReminderChannel.InApp], rows.Select(r => r.Channel));
            Assert.All(rows, r => Assert.Equal(due, r.DueUtc));
            Assert.All(rows, r => Assert.Equal(expires, r.ExpiresUtc));
        }

        // The therapist is alerted in-app 72 h after the session ends, if no integration session is booked by then.
        var check = Assert.Single(reminders, r => r.RecipientRole != RecipientRole.Patient);
        Assert.Equal(ReminderKind.IntegrationBookingCheck, check.Kind);
        Assert.Equal(RecipientRole.Therapist, check.RecipientRole);
        Assert.Equal(_clinic.TherapistA, check.RecipientUserId);
        Assert.Equal(ReminderChannel.InApp, check.Channel);
        Assert.Equal(DosingEndUtc.AddHours(72), check.DueUtc);
        Assert.Equal(9, reminders.Count);
    }

    [Fact]
    public async Task A_consultation_plans_one_reminder_a_day_before_per_channel()
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync();
        var patientUser = await PatientUserAsync(patient);

        // Wednesday 2 December, 10:00 in New York = 15:00Z = 09:00 in Chicago.
        var appointment = await BookOkAsync(course, AppointmentKind.Consultation, new DateTime(2026, 12, 2, 10, 0, 0), _clinic.TherapistA);

        var saved = await AppointmentAsync(appointment);
        Assert.Equal(Utc(2026, 12, 2, 15), saved.StartUtc);
        Assert.Equal(Utc(2026, 12, 2, 16), saved.EndUtc);
        Assert.False(saved.GateNotMet);
        var reminders = (await RemindersAsync(appointment)).OrderBy(r => r.Channel).ToList();
        Assert.Equal([ReminderChannel.Email, ReminderChannel.InApp], reminders.Select(r => r.Channel));
        Assert.All(reminders, r =>
        {
            Assert.Equal(ReminderKind.AppointmentReminder, r.Kind);
            Assert.Equal(RecipientRole.Patient, r.RecipientRole);
            Assert.Equal(patientUser, r.RecipientUserId);
            Assert.Equal(Utc(2026, 12, 1, 15), r.DueUtc);
            Assert.Equal(saved.StartUtc, r.ExpiresUtc);
            Assert.Equal(ReminderStatus.Planned, r.Status);
        });
    }

    [Fact]
    public async Task A_reminder_due_in_the_patients_quiet_hours_moves_to_when_they_end()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        // Wednesday 2 December, 08:30 in New York = 13:30Z = 07:30 in Chicago: the day before at 07:30 is in quiet hours (21:00–08:00).
        var appointment = await BookOkAsync(course, AppointmentKind.Consultation, new DateTime(2026, 12, 2, 8, 30, 0), _clinic.TherapistA);

        var reminders = await RemindersAsync(appointment);
        Assert.Equal(2, reminders.Count);
        // 08:00 in Chicago on 1 December.
        Assert.All(reminders, r => Assert.Equal(Utc(2026, 12, 1, 14), r.DueUtc));
    }

    [Theory]
    // Sunday 14 March 2027, the spring-forward day, 13:00 in New York (EDT) = 17:00Z.
    // Chicago also springs forward that night: the day before at 12:00 CST is 18:00Z, only 23 hours earlier.
    [InlineData("America/Chicago", 18, 18)]
    // Phoenix keeps no daylight time: the day before at 10:00 MST is 17:00Z, 24 hours earlier.
    [InlineData("America/Phoenix", 17, 17)]
    public async Task Day_offsets_keep_the_patients_wall_clock_time_across_the_spring_forward_night(string zone, int checklistHourUtc, int preparationHourUtc)
    {
        var (_, course) = await PatientAsync("Dana Dst", ReminderChannel.InApp, zone);

        var appointment = await BookOkAsync(course, AppointmentKind.Dosing, new DateTime(2027, 3, 14, 13, 0, 0), _clinic.NpA);

        Assert.Equal(Utc(2027, 3, 14, 17), (await AppointmentAsync(appointment)).StartUtc);
        var reminders = await RemindersAsync(appointment);
        Assert.Equal(Utc(2027, 3, 13, checklistHourUtc), Assert.Single(reminders, r => r.Kind == ReminderKind.DosingChecklist).DueUtc);
        Assert.Equal(Utc(2027, 3, 11, preparationHourUtc), Assert.Single(reminders, r => r.Kind == ReminderKind.DosingPreparation).DueUtc);
        Assert.Equal(Utc(2027, 3, 14, 15), Assert.Single(reminders, r => r.Kind == ReminderKind.DosingSoon).DueUtc);
    }

    [Fact]
    public async Task Booking_across_a_daylight_saving_change_keeps_the_clinic_wall_clock_time()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        // Tuesdays at 10:00 in New York, before (EST, UTC−5) and after (EDT, UTC−4) Sunday 14 March 2027.
        var before = await BookOkAsync(course, AppointmentKind.Integration, new DateTime(2027, 3, 9, 10, 0, 0), _clinic.TherapistA);
        var after = await BookOkAsync(course, AppointmentKind.Integration, new DateTime(2027, 3, 16, 10, 0, 0), _clinic.TherapistA);
        // 02:30 on the spring-forward night does not exist: it moves forward by the gap, to 03:30 EDT.
        var inGap = await BookOkAsync(course, AppointmentKind.Integration, new DateTime(2027, 3, 14, 2, 30, 0), _clinic.TherapistA);

        Assert.Equal(Utc(2027, 3, 9, 15), (await AppointmentAsync(before)).StartUtc);
        Assert.Equal(Utc(2027, 3, 16, 14), (await AppointmentAsync(after)).StartUtc);
        Assert.Equal(Utc(2027, 3, 14, 7, 30), (await AppointmentAsync(inGap)).StartUtc);
    }

    [Fact]
    public async Task A_dosing_session_booked_while_the_course_is_referred_is_allowed_and_flagged_gate_not_met()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await using (var db = _app.Db())
        {
            Assert.Equal(Kap.Domain.Courses.CoursePhase.Referred, (await db.Courses.SingleAsync(c => c.Id == course)).Phase);
        }

        var dosing = await BookDosingAsync(course);
        var consultation = await BookOkAsync(course, AppointmentKind.Consultation, new DateTime(2026, 11, 27, 10, 0, 0), _clinic.TherapistA);

        Assert.True((await AppointmentAsync(dosing)).GateNotMet);
        Assert.False((await AppointmentAsync(consultation)).GateNotMet);
    }

    [Fact]
    public async Task The_same_clinician_double_booked_is_refused_naming_the_clash()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync("Ada Alpha");
        var (_, other) = await _clinic.PatientOfTherapistAAsync("Ben Beta");
        await BookDosingAsync(course);
        var before = await CountsAsync();

        // Another patient's course with the same prescriber, one hour into the first session.
        var result = await BookAsync(other, AppointmentKind.Dosing, DosingLocal.AddHours(1), _clinic.NpA);

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        Assert.Contains("NP A is already booked then", result.Error.Message);
        Assert.Contains("Dosing at Tue 1 Dec, 13:00", result.Error.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task The_same_patient_double_booked_is_refused_naming_the_clash()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await BookDosingAsync(course);
        var before = await CountsAsync();

        var result = await BookAsync(course, AppointmentKind.Integration, DosingLocal.AddMinutes(30), _clinic.TherapistA);

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        Assert.Contains("The patient already has an appointment then", result.Error.Message);
        Assert.Contains("Dosing at Tue 1 Dec, 13:00", result.Error.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task The_same_room_double_booked_is_refused_naming_the_clash()
    {
        var room = await AddRoomAsync("Room 1");
        var (_, course) = await _clinic.PatientOfTherapistAAsync("Ada Alpha");
        var (_, other) = await _clinic.PatientOfTherapistAAsync("Ben Beta", prescriber: _clinic.NpB);
        await BookDosingAsync(course, room);
        var before = await CountsAsync();

        // Another patient and another prescriber: only the room clashes.
        var result = await BookAsync(other, AppointmentKind.Dosing, DosingLocal, _clinic.NpB, room);

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        Assert.Contains("Room 1 is already booked then", result.Error.Message);
        Assert.DoesNotContain("NP", result.Error.Message);
        Assert.DoesNotContain("patient", result.Error.Message);
        Assert.Equal(before, await CountsAsync());

        // In another room it goes through.
        var secondRoom = await AddRoomAsync("Room 2");
        var elsewhere = await BookAsync(other, AppointmentKind.Dosing, DosingLocal, _clinic.NpB, secondRoom);
        Assert.True(elsewhere.IsSuccess, Describe(elsewhere.Error));
    }

    [Fact]
    public async Task A_second_dosing_session_needs_48_hours_after_the_first()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await BookDosingAsync(course);
        var before = await CountsAsync();

        var tooSoon = await BookAsync(course, AppointmentKind.Dosing, DosingLocal.AddHours(47), _clinic.NpA);

        Assert.Equal(ErrorKind.Rule, tooSoon.Error!.Kind);
        Assert.Contains("at least 48 hours apart", tooSoon.Error.Message);
        Assert.Contains("Tue 1 Dec, 13:00", tooSoon.Error.Message);
        Assert.Equal(before, await CountsAsync());

        var second = await BookAsync(course, AppointmentKind.Dosing, DosingLocal.AddHours(48), _clinic.NpA);
        Assert.True(second.IsSuccess, Describe(second.Error));
        Assert.Equal(DosingUtc.AddHours(48), (await AppointmentAsync(second.Value)).StartUtc);
    }

    [Fact]
    public async Task A_dosing_session_run_by_a_therapist_instead_of_the_prescriber_is_refused()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        var result = await BookAsync(course, AppointmentKind.Dosing, DosingLocal, _clinic.TherapistA);

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Contains("ClinicianId", result.Error.Fields!.Keys);
        Assert.Contains("prescribing nurse practitioner", result.Error.Message);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task A_time_in_the_past_is_refused()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        // 09:00 in New York today is 14:00Z, an hour ago.
        var result = await BookAsync(course, AppointmentKind.Consultation, new DateTime(2026, 11, 24, 9, 0, 0), _clinic.TherapistA);

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Contains("LocalStart", result.Error.Fields!.Keys);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Another_therapist_cannot_book_on_a_course_they_are_not_on()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        _clinic.AsTherapistB();
        var result = await BookAsync(course, AppointmentKind.Consultation, new DateTime(2026, 12, 2, 10, 0, 0), _clinic.TherapistB);

        Assert.Equal(ErrorKind.NotFound, result.Error!.Kind);
        Assert.Equal((0, 0), await CountsAsync());
    }

    private async Task<(int Appointments, int Reminders)> CountsAsync()
    {
        await using var db = _app.Db();
        return (await db.Appointments.CountAsync(), await db.Reminders.CountAsync());
    }
}
