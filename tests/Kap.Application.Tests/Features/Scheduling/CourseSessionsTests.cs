using Kap.Application.Common.Results;
using Kap.Application.Features.Scheduling.BookCourseSessions;
using Kap.Application.Features.Scheduling.Common;
using Kap.Application.Features.Scheduling.GetCalendar;
using Kap.Application.Features.Scheduling.GetCourseSessions;
using Kap.Application.Features.Scheduling.PlanCourseSessions;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Scheduling;

/// <summary>Planning and booking a whole course, its timeline, and the staff calendar.</summary>
public sealed class CourseSessionsTests : SchedulingTest
{
    // Clinic.OpenCourseAsync's plan: 1 preparation, 6 dosing, 1 integration per dose, 1 after the series.
    private const int DraftSize = 1 + 6 + (6 * 1) + 1;

    /// <summary>Preparation on Monday 30 November at 10:00; dosing from Monday 7 December, twice a week at 10:00; integration the next day at 14:00.</summary>
    private static PlanCourseSessionsQuery Plan(Guid course) => new(course,
        PreparationStart: new DateOnly(2026, 11, 30), PreparationTime: new TimeOnly(10, 0), PreparationEveryDays: 7,
        DosingStart: new DateOnly(2026, 12, 7), DosingTime: new TimeOnly(10, 0), DosingPerWeek: 2,
        IntegrationDaysAfterDose: 1, IntegrationTime: new TimeOnly(14, 0));

    private static BookCourseSessionsCommand Confirm(Guid course, IEnumerable<DraftSession> draft) =>
        new(course, draft.Select(d => new SessionToBook(d.Kind, d.LocalStart, null)).ToList(), null, null);

    [Fact]
    public async Task A_course_is_planned_as_a_draft_and_booked_in_one_step()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();

        var planned = await _app.SendAsync(Plan(course));

        Assert.True(planned.IsSuccess, Describe(planned.Error));
        var draft = planned.Value;
        Assert.Equal(DraftSize, draft.Count);
        Assert.Single(draft, d => d.Kind == AppointmentKind.Preparation);
        Assert.Equal(
            [7, 10, 14, 17, 21, 24],
            draft.Where(d => d.Kind == AppointmentKind.Dosing).Select(d => d.LocalStart.Day));
        Assert.All(draft.Where(d => d.Kind == AppointmentKind.Dosing), d => Assert.Equal(new TimeSpan(10, 0, 0), d.LocalStart.TimeOfDay));
        Assert.Equal(7, draft.Count(d => d.Kind == AppointmentKind.Integration));
        Assert.Equal(draft.OrderBy(d => d.LocalStart), draft);
        await using (var db = _app.Db())
        {
            Assert.Equal(0, await db.Appointments.CountAsync());
        }

        var booked = await _app.SendAsync(Confirm(course, draft));

        Assert.True(booked.IsSuccess, Describe(booked.Error));
        Assert.Equal(DraftSize, booked.Value);
        await using var check = _app.Db();
        var appointments = await check.Appointments.Where(a => a.CourseId == course).ToListAsync();
        Assert.Equal(DraftSize, appointments.Count);
        Assert.All(appointments.Where(a => a.Kind == AppointmentKind.Dosing), a =>
        {
            Assert.Equal(_clinic.NpA, a.ClinicianId);
            Assert.True(a.GateNotMet);
        });
        Assert.All(appointments.Where(a => a.Kind != AppointmentKind.Dosing), a => Assert.Equal(_clinic.TherapistA, a.ClinicianId));
        // 10:00 in New York in December is 15:00Z.
        Assert.Contains(appointments, a => a.Kind == AppointmentKind.Dosing && a.StartUtc == Utc(2026, 12, 7, 15));
        // Each dosing session: 4 patient reminders on 2 channels and the therapist's check; every other session: 1 on 2 channels.
        Assert.Equal((6 * 9) + (8 * 2), await check.Reminders.CountAsync(r => r.CourseId == course));
    }

    [Fact]
    public async Task If_one_session_of_the_draft_clashes_nothing_is_booked_and_the_problem_names_that_session()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync("Ada Alpha");
        var (_, other) = await _clinic.PatientOfTherapistAAsync("Ben Beta");
        var draft = (await _app.SendAsync(Plan(course))).Value;
        var third = draft.Where(d => d.Kind == AppointmentKind.Dosing).ElementAt(2);
        Assert.Equal(new DateTime(2026, 12, 14, 10, 0, 0), third.LocalStart);
        // NP A is already seeing another patient at the third dosing time.
        await BookOkAsync(other, AppointmentKind.Consultation, third.LocalStart, _clinic.NpA);

        var result = await _app.SendAsync(Confirm(course, draft));

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        Assert.Contains("Nothing was booked", result.Error.Message);
        var problem = Assert.Single(result.Error.Details!);
        Assert.StartsWith("Dosing on Mon 14 Dec, 10:00:", problem);
        Assert.Contains("NP A is already booked then (Consultation at Mon 14 Dec, 10:00)", problem);
        await using var db = _app.Db();
        Assert.Equal(0, await db.Appointments.CountAsync(a => a.CourseId == course));
        Assert.Equal(0, await db.Reminders.CountAsync(r => r.CourseId == course));
        Assert.Equal(1, await db.Appointments.CountAsync());
    }

    [Fact]
    public async Task The_course_timeline_lists_sessions_and_reminders_and_flags_a_dose_without_integration()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var dosing = await BookDosingAsync(course);

        var sessions = (await _app.SendAsync(new GetCourseSessionsQuery(course))).Value;

        var appointment = Assert.Single(sessions.Appointments);
        Assert.Equal(dosing, appointment.Id);
        Assert.Equal("Jamie Rivera", appointment.PatientName);
        Assert.Equal("NP A", appointment.ClinicianName);
        Assert.True(appointment.GateNotMet);
        Assert.Equal(9, sessions.Reminders.Count);
        Assert.All(sessions.Reminders, r => Assert.Equal(dosing, r.AppointmentId));
        Assert.Equal("Therapist A", Assert.Single(sessions.Reminders, r => r.Kind == ReminderKind.IntegrationBookingCheck).RecipientName);
        Assert.Equal(sessions.Reminders.OrderBy(r => r.DueUtc).Select(r => r.Id), sessions.Reminders.Select(r => r.Id));
        Assert.Equal([dosing], sessions.DosesWithoutIntegration);

        // Integration two days later, within 72 h of the end of the session.
        var integration = await BookOkAsync(course, AppointmentKind.Integration, DosingLocal.AddDays(2), _clinic.TherapistA);

        var after = (await _app.SendAsync(new GetCourseSessionsQuery(course))).Value;
        Assert.Equal([dosing, integration], after.Appointments.Select(a => a.Id));
        Assert.Equal(11, after.Reminders.Count);
        Assert.Empty(after.DosesWithoutIntegration);
    }

    [Fact]
    public async Task An_integration_session_later_than_72_hours_does_not_clear_the_flag()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var dosing = await BookDosingAsync(course);
        await BookOkAsync(course, AppointmentKind.Integration, DosingLocal.AddDays(4), _clinic.TherapistA);

        var sessions = (await _app.SendAsync(new GetCourseSessionsQuery(course))).Value;

        Assert.Equal([dosing], sessions.DosesWithoutIntegration);
    }

    [Fact]
    public async Task The_calendar_shows_a_patients_name_only_to_clinicians_on_their_course()
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync("Ada Alpha");
        var dosing = await BookDosingAsync(course);
        var week = new GetCalendarQuery(new DateOnly(2026, 11, 30), 7, _clinic.NpA, null);

        _clinic.AsNpA();
        var asPrescriber = Assert.Single((await _app.SendAsync(week)).Value);
        Assert.Equal(dosing, asPrescriber.Id);
        Assert.Equal("Ada Alpha", asPrescriber.PatientName);
        Assert.Equal(patient, asPrescriber.PatientId);

        _clinic.AsTherapistA();
        var asTherapist = Assert.Single((await _app.SendAsync(week)).Value);
        Assert.Equal("Ada Alpha", asTherapist.PatientName);

        _clinic.AsTherapistB();
        var asStranger = Assert.Single((await _app.SendAsync(week)).Value);
        Assert.Equal(AppointmentQueries.Busy, asStranger.PatientName);
        Assert.Equal("Busy", asStranger.PatientName);
        Assert.Equal(Guid.Empty, asStranger.PatientId);
        Assert.Equal(Guid.Empty, asStranger.CourseId);
        Assert.NotEqual(dosing, asStranger.Id);
        Assert.Equal(Guid.Empty, asStranger.Version);
        Assert.Equal(DosingUtc, asStranger.StartUtc);

        // The following week is empty.
        Assert.Empty((await _app.SendAsync(week with { From = new DateOnly(2026, 12, 7) })).Value);
    }
}
