using Kap.Application.Features.Dosing;
using Kap.Domain.Dosing;
using Kap.Domain.Preparation;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Dosing;

/// <summary>Discharge refused for each unmet rule, with the clock moved by a FakeTimeProvider; then the follow-ups.</summary>
public sealed class DischargeTests : DosingTest
{
    private static DischargeSessionCommand AllConfirmed(Guid session) => new(session, true, true, true, true, null);

    /// <summary>An IV session dosed now, infusion ended after 40 min, vitals and MOAA/S back to baseline at the end.</summary>
    private async Task<Guid> DosedIvSessionAsync()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();
        Ok(await _app.SendAsync(new RecordAdministrationCommand(session, _racemicLot, 35m, null)));
        for (var i = 0; i < 4; i++)
        {
            Advance(10);
            Ok(await VitalsAsync(session, systolic: 138, diastolic: 86));
        }

        Ok(await _app.SendAsync(new EndInfusionCommand(session)));
        return session;
    }

    private async Task SettleAsync(Guid session)
    {
        Ok(await VitalsAsync(session, systolic: 126, diastolic: 80));
        Ok(await _app.SendAsync(new RecordSedationCommand(session, Guid.NewGuid(), 5)));
    }

    [Fact]
    public async Task Discharge_is_refused_until_60_minutes_after_the_infusion_ends_and_then_accepted()
    {
        var session = await DosedIvSessionAsync();
        Advance(59);
        await SettleAsync(session);

        var early = await _app.SendAsync(AllConfirmed(session));
        Assert.Contains("Monitoring time: 1 more minute(s) of monitoring needed (60 min after the infusion end).", Assert.Single(Problems(early)),
            StringComparison.Ordinal);

        Advance(1);
        Ok(await _app.SendAsync(AllConfirmed(session)));
        await using var db = _app.Db();
        var record = await db.DosingSessions.SingleAsync(s => s.Id == session);
        Assert.Equal(DosingSessionStatus.Discharged, record.Status);
        Assert.Equal(_clinic.NpA, record.EndedBy);
    }

    [Fact]
    public async Task Discharge_is_refused_while_the_infusion_is_still_running()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();
        Ok(await _app.SendAsync(new RecordAdministrationCommand(session, _racemicLot, 35m, null)));
        Advance(120);
        await SettleAsync(session);

        Assert.Contains("the infusion has not ended", Assert.Single(Problems(await _app.SendAsync(AllConfirmed(session)))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_last_bp_over_the_threshold_and_not_falling_refuses_but_falling_toward_baseline_is_accepted()
    {
        var session = await DosedIvSessionAsync();
        Advance(60);
        Ok(await VitalsAsync(session, systolic: 150, diastolic: 88));
        Advance(5);
        Ok(await VitalsAsync(session, systolic: 152, diastolic: 88));
        Ok(await _app.SendAsync(new RecordSedationCommand(session, Guid.NewGuid(), 5)));

        Assert.StartsWith("Blood pressure: the last BP 152/88", Assert.Single(Problems(await _app.SendAsync(AllConfirmed(session)))), StringComparison.Ordinal);

        // 146 is lower than 152 and within 20 mmHg of the 128 baseline.
        Advance(5);
        Ok(await VitalsAsync(session, systolic: 146, diastolic: 88));
        Ok(await _app.SendAsync(AllConfirmed(session)));
    }

    [Fact]
    public async Task A_moaas_not_back_to_baseline_refuses()
    {
        var session = await DosedIvSessionAsync();
        Advance(60);
        Ok(await VitalsAsync(session));
        Ok(await _app.SendAsync(new RecordSedationCommand(session, Guid.NewGuid(), 4)));

        Assert.Equal("MOAA/S: 4 is not back to the baseline 5.", Assert.Single(Problems(await _app.SendAsync(AllConfirmed(session)))));
    }

    [Fact]
    public async Task No_moaas_since_dosing_refuses()
    {
        var session = await DosedIvSessionAsync();
        Advance(60);
        Ok(await VitalsAsync(session));

        Assert.Equal("MOAA/S: no MOAA/S has been recorded since dosing.", Assert.Single(Problems(await _app.SendAsync(AllConfirmed(session)))));
    }

    [Theory]
    [InlineData(0, "Alert and oriented")]
    [InlineData(1, "Fluids")]
    [InlineData(2, "Nausea")]
    [InlineData(3, "Escort")]
    public async Task Each_bedside_confirmation_missing_alone_refuses(int missing, string named)
    {
        var session = await DosedIvSessionAsync();
        Advance(60);
        await SettleAsync(session);
        var command = AllConfirmed(session);
        command = missing switch
        {
            0 => command with { AlertAndOriented = false },
            1 => command with { ToleratingFluids = false },
            2 => command with { MinimalNausea = false },
            _ => command with { EscortPresent = false },
        };

        var problem = Assert.Single(Problems(await _app.SendAsync(command)));

        Assert.StartsWith(named, problem.Replace("Not ready for discharge: ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        await using var db = _app.Db();
        Assert.Equal(DosingSessionStatus.InProgress, (await db.DosingSessions.SingleAsync()).Status);
    }

    [Fact]
    public async Task Esketamine_needs_120_minutes_from_the_first_administration_even_after_a_booster()
    {
        await CourseInDosingAsync(Route.EsketamineNasal, DoseBasis.FixedMg, 56m);
        var session = await StartAsync();
        Ok(await _app.SendAsync(new RecordAdministrationCommand(session, _esketamineLot, 56m, null)));
        Advance(30);
        Ok(await _app.SendAsync(new RecordAdministrationCommand(session, _esketamineLot, 28m, null)));
        Advance(89);
        await SettleAsync(session);

        Assert.Contains("1 more minute(s)", Assert.Single(Problems(await _app.SendAsync(AllConfirmed(session)))), StringComparison.Ordinal);
        Advance(1);
        Ok(await _app.SendAsync(AllConfirmed(session)));
    }

    [Fact]
    public async Task A_moaas_of_0_needs_its_adverse_event_before_discharge()
    {
        var session = await DosedIvSessionAsync();
        Ok(await _app.SendAsync(new RecordSedationCommand(session, Guid.NewGuid(), 0)));
        Advance(60);
        await SettleAsync(session);

        Assert.StartsWith("Adverse event: MOAA/S 0", Assert.Single(Problems(await _app.SendAsync(AllConfirmed(session)))), StringComparison.Ordinal);

        Ok(await _app.SendAsync(new RecordAdverseEventCommand(session, AdverseEventType.SedationOrLossOfConsciousness, AdverseEventSeverity.Severe, 60,
            "Airway supported, observed", "Responsive after 4 min")));
        Ok(await _app.SendAsync(AllConfirmed(session)));
    }

    [Fact]
    public async Task Without_a_dose_discharge_is_refused_and_the_session_ends_without_a_dose_with_a_reason()
    {
        await CourseInDosingAsync();
        var session = await StartAsync();

        Assert.StartsWith("Dose: no dose has been given", Assert.Single(Problems(await _app.SendAsync(AllConfirmed(session)))), StringComparison.Ordinal);
        Assert.Equal("Give the reason the session ends without a dose.", (await _app.SendAsync(new EndSessionWithoutDoseCommand(session, " "))).Error!.Message);
        Ok(await _app.SendAsync(new EndSessionWithoutDoseCommand(session, "Vomited before dosing; rebook")));

        Assert.Contains("has ended", (await VitalsAsync(session)).Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_discharge_the_check_in_and_integration_check_are_planned_from_the_discharge_time_and_the_appointment_is_attended()
    {
        await CourseInDosingAsync();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        Guid appointmentId;
        await using (var db = _app.Db())
        {
            var appointment = new Appointment(_course, (await db.Courses.SingleAsync(c => c.Id == _course)).PatientId, AppointmentKind.Dosing, now, now.AddMinutes(90),
                _clinic.NpA, null, null, null, gateNotMet: false, _clinic.TherapistA, now.AddDays(-3));
            db.Appointments.Add(appointment);
            db.Reminders.Add(new Reminder(ReminderKind.NextDayCheckIn, RecipientRole.Patient, _clinic.TherapistA, Kap.Domain.Patients.ReminderChannel.InApp,
                now.AddMinutes(90).AddHours(24), null, appointment.Id, _course, appointment.PatientId, now.AddDays(-3)));
            await db.SaveChangesAsync();
            appointmentId = appointment.Id;
        }

        var session = await StartAsync(Checklist(_course) with { AppointmentId = appointmentId });
        Ok(await _app.SendAsync(new RecordAdministrationCommand(session, _racemicLot, 35m, null)));
        Advance(40);
        Ok(await _app.SendAsync(new EndInfusionCommand(session)));
        Advance(75);
        await SettleAsync(session);
        var discharged = _app.Clock.GetUtcNow().UtcDateTime;
        Ok(await _app.SendAsync(AllConfirmed(session)));

        await using var check = _app.Db();
        var reminders = await check.Reminders.Where(r => r.CourseId == _course
            && (r.Kind == ReminderKind.NextDayCheckIn || r.Kind == ReminderKind.IntegrationBookingCheck)).ToListAsync();
        Assert.Equal(ReminderStatus.Withdrawn, reminders.Single(r => r.DueUtc == now.AddMinutes(90).AddHours(24)).Status);
        var integration = reminders.Single(r => r.Kind == ReminderKind.IntegrationBookingCheck && r.Status == ReminderStatus.Planned);
        Assert.Equal(discharged.AddHours(72), integration.DueUtc);
        Assert.Contains(reminders, r => r.Kind == ReminderKind.NextDayCheckIn && r.Status == ReminderStatus.Planned && r.DueUtc >= discharged.AddHours(24));
        Assert.Equal(AppointmentStatus.Attended, (await check.Appointments.SingleAsync(a => a.Id == appointmentId)).Status);
    }

    [Fact]
    public async Task The_session_record_shows_total_minutes_who_monitored_and_the_bp_at_the_key_points()
    {
        var session = await DosedIvSessionAsync();
        Ok(await VitalsAsync(session, systolic: 150, diastolic: 90));
        Advance(60);
        await SettleAsync(session);
        Ok(await _app.SendAsync(AllConfirmed(session) with { Note = "Home with partner" }));

        var dto = (await _app.SendAsync(new GetDosingSessionQuery(session))).Value;

        Assert.Equal(DosingSessionStatus.Discharged, dto.Status);
        Assert.Equal(100, dto.TotalMinutes);
        Assert.Equal(["Pre-dose", "Peak", "At discharge"], dto.BpKeyPoints.Select(p => p.Label));
        Assert.Equal(150, dto.BpKeyPoints[1].Systolic);
        Assert.Equal(126, dto.BpKeyPoints[2].Systolic);
        Assert.Equal(["NP A"], dto.MonitoredBy);
        Assert.Equal("Home with partner", dto.EndNote);
        Assert.DoesNotContain(dto.Slots, s => s.Status == SlotStatus.Overdue && s.AtUtc > dto.EndedAtUtc);
    }

    [Fact]
    public async Task While_open_the_screen_shows_minutes_until_ready_and_the_monitoring_slots()
    {
        var session = await DosedIvSessionAsync();
        Advance(25);

        var dto = (await _app.SendAsync(new GetDosingSessionQuery(session))).Value;

        Assert.Equal(35, dto.Discharge.MinutesUntilReady);
        Assert.All(dto.Slots.Where(s => s.Label == "During infusion"), s => Assert.Equal(SlotStatus.Done, s.Status));
        Assert.Contains(dto.Slots, s => s.Label == "After dosing" && s.Status == SlotStatus.Overdue);
        Assert.Contains(dto.Lots, l => l.LotNumber == "KET-1" && l.BalanceMg == 965m);
    }

    [Fact]
    public async Task The_course_cannot_move_to_integration_or_complete_while_a_session_is_not_discharged()
    {
        var session = await DosedIvSessionAsync();
        _clinic.AsTherapistA();

        var integration = await MoveAsync(_course, Kap.Domain.Courses.CoursePhase.Integration);
        Assert.Contains("still in progress", integration.Error!.Message, StringComparison.Ordinal);

        _clinic.AsNpA();
        Advance(60);
        await SettleAsync(session);
        Ok(await _app.SendAsync(AllConfirmed(session)));
        _clinic.AsTherapistA();
        Ok(await MoveAsync(_course, Kap.Domain.Courses.CoursePhase.Integration));
    }

    [Fact]
    public async Task The_course_lists_each_dosing_session_with_its_integration_sessions_and_flags_one_without_in_72_hours()
    {
        var session = await DosedIvSessionAsync();
        Advance(60);
        await SettleAsync(session);
        Ok(await _app.SendAsync(AllConfirmed(session)));
        var discharged = _app.Clock.GetUtcNow().UtcDateTime;

        var before = (await _app.SendAsync(new GetCourseDosingSessionsQuery(_course))).Value.Single();
        Assert.Empty(before.Integrations);
        Assert.True(before.NoIntegrationInTime);

        await using (var db = _app.Db())
        {
            var patient = (await db.Courses.SingleAsync(c => c.Id == _course)).PatientId;
            db.Appointments.Add(new Appointment(_course, patient, AppointmentKind.Integration, discharged.AddHours(71), discharged.AddHours(72), _clinic.TherapistA,
                null, null, null, gateNotMet: false, _clinic.TherapistA, discharged));
            await db.SaveChangesAsync();
        }

        var after = (await _app.SendAsync(new GetCourseDosingSessionsQuery(_course))).Value.Single();
        Assert.Equal(discharged.AddHours(71), Assert.Single(after.Integrations).StartUtc);
        Assert.False(after.NoIntegrationInTime);
        Assert.Equal(35m, after.TotalMg);
    }

    [Fact]
    public async Task An_integration_session_after_the_next_booked_dose_belongs_to_that_dose_not_this_one()
    {
        var session = await DosedIvSessionAsync();
        Advance(60);
        await SettleAsync(session);
        Ok(await _app.SendAsync(AllConfirmed(session)));
        var discharged = _app.Clock.GetUtcNow().UtcDateTime;
        await using (var db = _app.Db())
        {
            var patient = (await db.Courses.SingleAsync(c => c.Id == _course)).PatientId;
            db.Appointments.Add(new Appointment(_course, patient, AppointmentKind.Dosing, discharged.AddHours(48), discharged.AddHours(50), _clinic.NpA,
                null, null, null, gateNotMet: false, _clinic.TherapistA, discharged));
            db.Appointments.Add(new Appointment(_course, patient, AppointmentKind.Integration, discharged.AddHours(70), discharged.AddHours(71), _clinic.TherapistA,
                null, null, null, gateNotMet: false, _clinic.TherapistA, discharged));
            await db.SaveChangesAsync();
        }

        var summary = (await _app.SendAsync(new GetCourseDosingSessionsQuery(_course))).Value.Single();

        Assert.Empty(summary.Integrations);
        Assert.True(summary.NoIntegrationInTime);
    }
}
