using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Courses.GetCourseSummary;
using Kap.Application.Features.Dosing;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Features.Preparation.DosePlan;
using Kap.Application.Features.Scheduling.BookAppointment;
using Kap.Application.Features.Scheduling.CancelAppointment;
using Kap.Application.Features.Scheduling.RecordAppointmentOutcome;
using Kap.Application.Tests.Features.Dosing;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Measures;
using Kap.Domain.Preparation;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Courses;

/// <summary>
/// The course completion summary, read from a course taken through its sessions by commands: appointments attended,
/// missed and cancelled; an IV dose with an adverse event, an esketamine dose, a session ended without a dose; measures
/// before and after the first dose and a follow-up after completion. Every figure is worked out by hand below.
/// </summary>
public sealed class CourseSummaryTests : DosingTest
{
    // The clinic is in New York (UTC−5 in November and December); local times are what a clinician books.
    private static readonly DateTime Dose1Utc = new(2026, 11, 26, 14, 0, 0, DateTimeKind.Utc); // 26 Nov 09:00 local
    private static readonly DateTime Dose2Utc = new(2026, 11, 28, 15, 0, 0, DateTimeKind.Utc); // 28 Nov 10:00 local, 49 h later

    private static readonly DateTime KapTestNow = Infrastructure.KapTestApp.Now.UtcDateTime;

    private void At(DateTime utc) => _app.Clock.SetUtcNow(new DateTimeOffset(utc));

    private async Task<Guid> BookAsync(Guid course, AppointmentKind kind, DateTime local, Guid clinician)
    {
        var result = await _app.SendAsync(new BookAppointmentCommand(course, kind, local, null, clinician, null, null, null));
        Assert.True(result.IsSuccess, Describe(result.Error));
        return result.Value;
    }

    private async Task OutcomeAsync(Guid appointment, AppointmentStatus outcome)
    {
        Guid version;
        await using (var db = _app.Db())
        {
            version = await db.Appointments.Where(a => a.Id == appointment).Select(a => a.Version).SingleAsync();
        }

        Ok(await _app.SendAsync(new RecordAppointmentOutcomeCommand(appointment, version, outcome)));
    }

    private async Task PreDoseCssrsAsync(Guid course)
    {
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.CssrsScreener, CssrsNone)));
        _clinic.AsNpA();
    }

    /// <summary>
    /// Baseline PHQ-9 12 and GAD-7 6 (taken at the start, 24 Nov); two preparation sessions (one attended, one a no-show); dose 1
    /// IV 35 mg at 70 kg with a moderate nausea event; an integration session attended; dose 2 esketamine 56 mg; an integration
    /// session cancelled; a third session ended without a dose; PHQ-9 6, GAD-7 4, MADRS 14 and an incomplete PHQ-9 after the
    /// doses; completed 7 Dec; a follow-up PHQ-9 of 2 after completion (not the end score).
    /// </summary>
    private async Task<(Guid Course, DateTime CompletedUtc)> CompletedCourseAsync()
    {
        var course = await CourseInDosingAsync();

        _clinic.AsTherapistA();
        var prep1 = await BookAsync(course, AppointmentKind.Preparation, new DateTime(2026, 11, 25, 9, 0, 0), _clinic.TherapistA);
        var prep2 = await BookAsync(course, AppointmentKind.Preparation, new DateTime(2026, 11, 25, 11, 0, 0), _clinic.TherapistA);
        var dosing1 = await BookAsync(course, AppointmentKind.Dosing, new DateTime(2026, 11, 26, 9, 0, 0), _clinic.NpA);
        var integration1 = await BookAsync(course, AppointmentKind.Integration, new DateTime(2026, 11, 27, 9, 0, 0), _clinic.TherapistA);
        var dosing2 = await BookAsync(course, AppointmentKind.Dosing, new DateTime(2026, 11, 28, 10, 0, 0), _clinic.NpA);
        var integration2 = await BookAsync(course, AppointmentKind.Integration, new DateTime(2026, 11, 30, 9, 0, 0), _clinic.TherapistA);

        At(new DateTime(2026, 11, 25, 18, 0, 0, DateTimeKind.Utc));
        await OutcomeAsync(prep1, AppointmentStatus.Attended);
        await OutcomeAsync(prep2, AppointmentStatus.NoShow);

        // Dose 1: IV 0.5 mg/kg at the clearance weight of 70 kg = 35 mg, with a moderate adverse event.
        At(Dose1Utc.AddHours(-2));
        await PreDoseCssrsAsync(course);
        At(Dose1Utc.AddMinutes(-10));
        var session1 = await StartAsync(Checklist(course) with { AppointmentId = dosing1 });
        At(Dose1Utc);
        Ok(await _app.SendAsync(new RecordAdministrationCommand(session1, _racemicLot, 35m, null)));
        Advance(20);
        Ok(await _app.SendAsync(new RecordAdverseEventCommand(session1, AdverseEventType.NauseaOrVomiting, AdverseEventSeverity.Moderate, 0,
            "Ondansetron 4 mg given", "Settled within 20 minutes")));
        Advance(20);
        Ok(await _app.SendAsync(new EndInfusionCommand(session1)));
        Advance(60);
        Ok(await VitalsAsync(session1));
        Ok(await _app.SendAsync(new RecordSedationCommand(session1, Guid.NewGuid(), 5)));
        Ok(await _app.SendAsync(new DischargeSessionCommand(session1, true, true, true, true, null)));

        _clinic.AsTherapistA();
        At(new DateTime(2026, 11, 27, 15, 0, 0, DateTimeKind.Utc));
        await OutcomeAsync(integration1, AppointmentStatus.Attended);

        // Dose 2: the plan changes to esketamine 56 mg (two devices).
        _clinic.AsNpA();
        Ok(await _app.SendAsync(new SaveDosePlanCommand(course, Route.EsketamineNasal, DoseBasis.FixedMg, 56m, null, null)));
        At(Dose2Utc.AddHours(-2));
        await PreDoseCssrsAsync(course);
        At(Dose2Utc.AddMinutes(-10));
        var session2 = await StartAsync(Checklist(course) with { AppointmentId = dosing2 });
        At(Dose2Utc);
        Ok(await _app.SendAsync(new RecordAdministrationCommand(session2, _esketamineLot, 56m, null)));
        Advance(120);
        Ok(await VitalsAsync(session2));
        Ok(await _app.SendAsync(new RecordSedationCommand(session2, Guid.NewGuid(), 5)));
        Ok(await _app.SendAsync(new DischargeSessionCommand(session2, true, true, true, true, null)));

        _clinic.AsTherapistA();
        var integration2Version = (await AppointmentVersionAsync(integration2));
        Ok(await _app.SendAsync(new CancelAppointmentCommand(integration2, integration2Version, "Patient travelling")));

        // A third session: started, then ended without a dose.
        At(new DateTime(2026, 12, 1, 14, 0, 0, DateTimeKind.Utc));
        await PreDoseCssrsAsync(course);
        var session3 = await StartAsync();
        Advance(15);
        Ok(await _app.SendAsync(new EndSessionWithoutDoseCommand(session3, "Patient felt unwell")));

        // After the doses: PHQ-9 6 (exactly half of 12), GAD-7 4, MADRS 14 (never taken before the first dose), an incomplete PHQ-9.
        _clinic.AsTherapistA();
        At(new DateTime(2026, 12, 5, 15, 0, 0, DateTimeKind.Utc));
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.Phq9, [1, 1, 1, 1, 1, 1, 0, 0, 0])));
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.Gad7, [1, 1, 1, 1, 0, 0, 0])));
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.Madrs, [2, 2, 2, 2, 2, 2, 2, 0, 0, 0])));
        Advance(60);
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.Phq9, [0, 0, 0, 0, 0, 0, 0, 0, null])));

        At(new DateTime(2026, 12, 7, 16, 0, 0, DateTimeKind.Utc));
        Ok(await MoveAsync(course, CoursePhase.Integration));
        Advance(30);
        var completed = _app.Clock.GetUtcNow().UtcDateTime;
        Ok(await MoveAsync(course, CoursePhase.Completed));

        At(new DateTime(2027, 1, 7, 16, 0, 0, DateTimeKind.Utc));
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.Phq9, [1, 1, 0, 0, 0, 0, 0, 0, 0])));
        return (course, completed);
    }

    private async Task<Guid> AppointmentVersionAsync(Guid appointment)
    {
        await using var db = _app.Db();
        return await db.Appointments.Where(a => a.Id == appointment).Select(a => a.Version).SingleAsync();
    }

    [Fact]
    public async Task The_summary_of_a_completed_course_shows_sessions_doses_events_and_each_instruments_outcome()
    {
        var (course, completed) = await CompletedCourseAsync();
        _clinic.AsTherapistA();

        var result = await _app.SendAsync(new GetCourseSummaryQuery(course));

        Assert.True(result.IsSuccess, Describe(result.Error));
        var s = result.Value;
        Assert.Equal("Jamie Rivera", s.PatientName);
        Assert.Equal("Therapist A", s.TherapistName);
        Assert.Equal("NP A", s.PrescriberName);
        Assert.Equal(Indication.Depression, s.Indications);
        Assert.True(s.IsCompleted);
        Assert.Equal(KapTestNow, s.OpenedAtUtc);
        Assert.Equal(completed, s.ClosedAtUtc);
        Assert.Null(s.DiscontinuedReason);

        // Sessions by kind, from the appointments (the dosing ones marked attended by discharge).
        Assert.Equal(
            [
                new SessionCountDto(AppointmentKind.Preparation, 1, 1, 0, 0),
                new SessionCountDto(AppointmentKind.Dosing, 2, 0, 0, 0),
                new SessionCountDto(AppointmentKind.Integration, 1, 0, 1, 0),
            ],
            s.Sessions);

        // Doses: the IV one first, then esketamine; mg/kg over the 70 kg each session recorded.
        Assert.Equal(2, s.Doses.Count);
        var iv = s.Doses[0];
        Assert.Equal((1, Dose1Utc, Route.IntravenousInfusion, "Ketamine (racemic)", 35m, 0.5m, 1), (iv.Number, iv.GivenAtUtc, iv.Route, iv.SubstanceText, iv.TotalMg, iv.MgPerKg, iv.Administrations));
        var esk = s.Doses[1];
        Assert.Equal((2, Dose2Utc, Route.EsketamineNasal, "Esketamine", 56m, 0.8m, 1), (esk.Number, esk.GivenAtUtc, esk.Route, esk.SubstanceText, esk.TotalMg, esk.MgPerKg, esk.Administrations));
        Assert.Equal([(Route.IntravenousInfusion, 1), (Route.EsketamineNasal, 1)], s.DosesByRoute.Select(r => (r.Route, r.Doses)));
        Assert.Equal("Patient felt unwell", Assert.Single(s.EndedWithoutDose).Reason);

        var ae = Assert.Single(s.AdverseEvents);
        Assert.Equal((Dose1Utc.AddMinutes(20), AdverseEventSeverity.Moderate, "Nausea / vomiting"), (ae.OccurredAtUtc, ae.Severity, ae.Type));
        Assert.Equal("Action: Ondansetron 4 mg given. Outcome: Settled within 20 minutes.", ae.Summary);

        // Measures: PHQ-9 12 → 6 (exactly 50 %: response; 6 is not below 5: no remission); the incomplete form and the
        // follow-up after completion are not the end score. GAD-7 6 → 4, no response, no remission rule. MADRS: no baseline.
        Assert.Equal([Instrument.Phq9, Instrument.Gad7, Instrument.Madrs], s.Measures.Select(m => m.Instrument));
        var phq = s.Measures[0];
        Assert.Equal((12, 6, -6), (phq.BaselineTotal, phq.EndTotal, phq.Change));
        Assert.Equal(KapTestNow, phq.BaselineAtUtc);
        Assert.Equal(new DateTime(2026, 12, 5, 15, 0, 0, DateTimeKind.Utc), phq.EndAtUtc);
        Assert.Equal(OutcomeStatus.Met, phq.Response.Status);
        Assert.Equal(OutcomeStatus.NotMet, phq.Remission.Status);
        Assert.Equal("No remission: PHQ-9 6 is 5 or more.", phq.Remission.Explanation);
        Assert.True(phq.IsComputable);
        var gad = s.Measures[1];
        Assert.Equal((6, 4, -2), (gad.BaselineTotal, gad.EndTotal, gad.Change));
        Assert.Equal(OutcomeStatus.NotMet, gad.Response.Status);
        Assert.Equal(OutcomeStatus.NotApplicable, gad.Remission.Status);
        Assert.False(gad.HasRemissionRule);
        var madrs = s.Measures[2];
        Assert.Equal(((int?)null, 14, (int?)null), (madrs.BaselineTotal, madrs.EndTotal, madrs.Change));
        Assert.False(madrs.IsComputable);
        Assert.Equal("Not computable: no baseline (no valid MADRS on or before the first dose).", madrs.GapText);
        Assert.Equal(OutcomeStatus.NotApplicable, madrs.Response.Status);
        Assert.Equal(["PCL-5"], s.InstrumentsNotRecorded);
        Assert.Equal(12, s.MadrsRemissionThreshold);

        // The read is audited with the patient it concerns.
        await using var db = _app.Db();
        var audit = await db.AuditEntries.Where(a => a.Action == "GetCourseSummary").OrderBy(a => a.Id).LastAsync();
        Assert.Equal(("CourseSummary", course, true), (audit.EntityType, audit.EntityId, audit.Success));
        Assert.NotNull(audit.PatientId);
    }

    [Fact]
    public async Task An_open_course_is_summarised_too_and_says_it_is_not_completed()
    {
        var course = await CourseInDosingAsync();
        _clinic.AsTherapistA();

        var s = (await _app.SendAsync(new GetCourseSummaryQuery(course))).Value;

        Assert.False(s.IsCompleted);
        Assert.Equal(CoursePhase.Dosing, s.Phase);
        Assert.Null(s.ClosedAtUtc);
        Assert.Empty(s.Doses);
        var phq = s.Measures.Single(m => m.Instrument == Instrument.Phq9);
        Assert.Equal(12, phq.BaselineTotal);
        Assert.StartsWith("Not computable yet: no dose has been given", phq.GapText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_therapists_course_is_not_found_and_an_admin_sees_it()
    {
        var course = await CourseInDosingAsync();

        _clinic.AsTherapistB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new GetCourseSummaryQuery(course))).Error!.Kind);
        _clinic.AsNpB();
        Assert.Equal(ErrorKind.NotFound, (await _app.SendAsync(new GetCourseSummaryQuery(course))).Error!.Kind);
        _clinic.AsNpA();
        Assert.True((await _app.SendAsync(new GetCourseSummaryQuery(course))).IsSuccess);
        _clinic.AsAdmin();
        Assert.True((await _app.SendAsync(new GetCourseSummaryQuery(course))).IsSuccess);
    }

    [Fact]
    public async Task A_patient_is_refused_even_their_own_course_summary()
    {
        var (patient, course) = await _clinic.PatientOfTherapistAAsync();
        Guid user;
        await using (var db = _app.Db())
        {
            user = await db.Patients.Where(p => p.Id == patient).Select(p => p.UserId!.Value).SingleAsync();
        }

        _app.SignInAs(user, KapRoles.Patient);
        var result = await _app.SendAsync(new GetCourseSummaryQuery(course));

        Assert.Equal(ErrorKind.Forbidden, result.Error!.Kind);
    }
}
