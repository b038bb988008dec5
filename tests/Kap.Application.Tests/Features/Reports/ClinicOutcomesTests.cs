using System.Text.Json;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Courses.OpenCourse;
using Kap.Application.Features.Reports.GetClinicOutcomes;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Ledger;
using Kap.Domain.Measures;
using Kap.Domain.Preparation;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Features.Reports;

/// <summary>
/// The clinic outcomes report against a seeded clinic whose every figure is worked out by hand (the tables in the comments).
/// Patients and courses are created by commands; the phase history, doses and questionnaires are written directly with the
/// domain's own constructors, because taking eleven courses through every gate by command would bury the arithmetic under
/// test (the commands have their own tests).
/// </summary>
public sealed class ClinicOutcomesTests : ClinicTest
{
    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    // The clinic is in New York: UTC−5 all December.
    private static readonly DateTime Baseline = Utc(2026, 11, 25, 12);
    private static readonly DateTime Dose1 = Utc(2026, 11, 26, 15);
    private static readonly DateTime Dose2 = Utc(2026, 11, 29, 15);

    private static readonly DateOnly December1 = new(2026, 12, 1);
    private static readonly DateOnly December31 = new(2026, 12, 31);

    /// <summary>A seeded course: its patient's name, routes of its doses, final phase and when it got there, and its questionnaires.</summary>
    /// <param name="Scores">Instrument, total (null = an incomplete form) and when it was taken.</param>
    private sealed record SeededCourse(string Name, bool OfTherapistB, Route[] Routes, CoursePhase Phase, DateTime ClosedUtc,
        (Instrument Instrument, int? Total, DateTime At)[] Scores);

    private static (Instrument, int?, DateTime) Phq9(int? total, DateTime at) => (Instrument.Phq9, total, at);

    private static (Instrument, int?, DateTime) Madrs(int? total, DateTime at) => (Instrument.Madrs, total, at);

    private static (Instrument, int?, DateTime) Gad7(int? total, DateTime at) => (Instrument.Gad7, total, at);

    private static DateTime EndOf(DateTime closed) => closed.AddDays(-1);

    /// <summary>
    /// In the range 1–31 December (clinic days):
    /// <code>
    ///      route      PHQ-9                 MADRS                  GAD-7
    /// C1   IV         20→10 −10 resp        30→12 −18 resp rem     14→7 −7 resp (exactly 50 %)
    /// C2   IV         18→4  −14 resp rem    28→20 −8               —
    /// C3   Esk        0→2   baseline 0      22→10 −12 resp rem     10→8 −2
    /// C4   SL         (end 3) no baseline   —                      12→5 −7 resp
    /// C5   IV+IM      15→9  −6 (incomplete forms skipped)  26→13 −13 resp (exactly 50 %)   9→9 0
    /// C6   IM         12, no end (a follow-up after completion)   20→8 −12 resp rem   —       completed 31 Dec 23:30 local
    /// C7   no dose    14, no dose           —                      —
    /// </code>
    /// Excluded: X1 still in Integration, X2 completed 30 Nov 23:30 local (1 Dec 04:30Z), X3 completed 1 Jan 00:30 local,
    /// X4 discontinued; each would move the PHQ-9 figures (20 → 0 or 2).
    /// </summary>
    private static readonly SeededCourse[] Courses =
    [
        new("Cora Alder", false, [Route.IntravenousInfusion], CoursePhase.Completed, Utc(2026, 12, 5, 17),
            [Phq9(20, Baseline), Phq9(10, EndOf(Utc(2026, 12, 5, 17))), Madrs(30, Baseline), Madrs(12, EndOf(Utc(2026, 12, 5, 17))),
             Gad7(14, Baseline), Gad7(7, EndOf(Utc(2026, 12, 5, 17)))]),
        new("Dario Birch", false, [Route.IntravenousInfusion], CoursePhase.Completed, Utc(2026, 12, 10, 17),
            [Phq9(18, Baseline), Phq9(4, EndOf(Utc(2026, 12, 10, 17))), Madrs(28, Baseline), Madrs(20, EndOf(Utc(2026, 12, 10, 17)))]),
        new("Esme Cedar", false, [Route.EsketamineNasal], CoursePhase.Completed, Utc(2026, 12, 12, 17),
            [Phq9(0, Baseline), Phq9(2, EndOf(Utc(2026, 12, 12, 17))), Madrs(22, Baseline), Madrs(10, EndOf(Utc(2026, 12, 12, 17))),
             Gad7(10, Baseline), Gad7(8, EndOf(Utc(2026, 12, 12, 17)))]),
        new("Farid Dogwood", false, [Route.SublingualOral], CoursePhase.Completed, Utc(2026, 12, 15, 17),
            [Phq9(3, EndOf(Utc(2026, 12, 15, 17))), Gad7(12, Baseline), Gad7(5, EndOf(Utc(2026, 12, 15, 17)))]),
        new("Greta Elm", false, [Route.IntravenousInfusion, Route.Intramuscular], CoursePhase.Completed, Utc(2026, 12, 20, 17),
            [Phq9(15, Baseline), Phq9(null, Dose1.AddHours(-2)), Phq9(9, Utc(2026, 12, 18, 17)), Phq9(null, EndOf(Utc(2026, 12, 20, 17))),
             Madrs(26, Baseline), Madrs(13, EndOf(Utc(2026, 12, 20, 17))), Gad7(9, Baseline), Gad7(9, EndOf(Utc(2026, 12, 20, 17)))]),
        new("Hana Fir", true, [Route.Intramuscular], CoursePhase.Completed, Utc(2027, 1, 1, 4, 30),
            [Phq9(12, Baseline), Phq9(2, Utc(2027, 1, 20, 17)), Madrs(20, Baseline), Madrs(8, EndOf(Utc(2027, 1, 1, 4, 30)))]),
        new("Ivo Gorse", true, [], CoursePhase.Completed, Utc(2026, 12, 22, 17), [Phq9(14, Baseline)]),

        new("Xander Active", false, [Route.IntravenousInfusion], CoursePhase.Integration, Utc(2026, 12, 20, 17),
            [Phq9(20, Baseline), Phq9(2, Utc(2026, 12, 19, 17)), Madrs(30, Baseline), Madrs(5, Utc(2026, 12, 19, 17)), Gad7(15, Baseline), Gad7(3, Utc(2026, 12, 19, 17))]),
        new("Yara Early", false, [Route.IntravenousInfusion], CoursePhase.Completed, Utc(2026, 12, 1, 4, 30),
            [Phq9(20, Baseline), Phq9(0, EndOf(Utc(2026, 12, 1, 4, 30)))]),
        new("Zeno Late", false, [Route.IntravenousInfusion], CoursePhase.Completed, Utc(2027, 1, 1, 5, 30),
            [Phq9(20, Baseline), Phq9(0, EndOf(Utc(2027, 1, 1, 5, 30)))]),
        new("Wilma Stopped", false, [Route.IntravenousInfusion], CoursePhase.Discontinued, Utc(2026, 12, 8, 17),
            [Phq9(20, Baseline), Phq9(0, EndOf(Utc(2026, 12, 8, 17)))]),
    ];

    /// <summary>Seeds <see cref="Courses"/> into <paramref name="app"/>; returns the patients' and courses' ids. Leaves therapist A signed in.</summary>
    private static async Task<(List<Guid> Patients, List<Guid> Courses)> SeedAsync(KapTestApp app, Clinic clinic)
    {
        var patients = new List<Guid>();
        var courses = new List<Guid>();
        var received = Utc(2026, 11, 1, 12);
        var racemic = StockLot.Receive(Substance.RacemicKetamine, DosageForm.InjectableSolution, 50m, 10m, 100, "KET-R", new DateOnly(2028, 1, 31),
            "Supplier", "1 Main St", "AB1234563", received, clinic.NpA).Value!;
        var esketamine = StockLot.Receive(Substance.Esketamine, DosageForm.NasalSpray, 140m, 0.2m, 100, "ESK-R", new DateOnly(2028, 1, 31),
            "Supplier", "1 Main St", "AB1234563", received, clinic.NpA).Value!;
        var ledger = new List<LedgerEntry> { LedgerEntry.Receive(racemic, []).Value!, LedgerEntry.Receive(esketamine, []).Value! };
        await using (var db = app.Db())
        {
            db.StockLots.AddRange(racemic, esketamine);
            db.LedgerEntries.AddRange(ledger);
            await db.SaveChangesAsync();
        }

        foreach (var seeded in Courses)
        {
            var (therapist, np) = seeded.OfTherapistB ? (clinic.TherapistB, clinic.NpB) : (clinic.TherapistA, clinic.NpA);
            if (seeded.OfTherapistB)
            {
                clinic.AsTherapistB();
            }
            else
            {
                clinic.AsTherapistA();
            }

            var patient = await clinic.RegisterPatientAsync(seeded.Name);
            var opened = await app.SendAsync(new OpenCourseCommand(patient, therapist, np, Indication.Depression, 1, 6, 1, 1));
            Assert.True(opened.IsSuccess, opened.Error?.Message);
            patients.Add(patient);
            courses.Add(opened.Value);

            await using var db = app.Db();
            var course = await db.Courses.Include(c => c.History).SingleAsync(c => c.Id == opened.Value);
            var ready = new DosingReadiness(true, true, true, true, true);
            Assert.True(course.TransitionTo(CoursePhase.Screening, Utc(2026, 11, 24, 16), therapist).IsSuccess);
            Assert.True(course.TransitionTo(CoursePhase.Preparation, Utc(2026, 11, 24, 17), therapist).IsSuccess);
            Assert.True(course.TransitionTo(CoursePhase.Dosing, Utc(2026, 11, 25, 15), therapist, readiness: ready).IsSuccess);
            Assert.True(course.TransitionTo(CoursePhase.Integration, seeded.ClosedUtc.AddHours(-12), therapist).IsSuccess);
            if (seeded.Phase != CoursePhase.Integration)
            {
                Assert.True(course.TransitionTo(seeded.Phase, seeded.ClosedUtc, therapist, seeded.Phase == CoursePhase.Discontinued ? "Moved away" : null).IsSuccess);
            }

            // One dose per route: the first on the 26th, a second route on the 29th.
            for (var i = 0; i < seeded.Routes.Length; i++)
            {
                var route = seeded.Routes[i];
                var at = i == 0 ? Dose1 : Dose2;
                var (basis, amount, minutes) = route switch
                {
                    Route.IntravenousInfusion => (DoseBasis.MgPerKg, 0.5m, (int?)40),
                    Route.Intramuscular => (DoseBasis.MgPerKg, 0.5m, null),
                    Route.SublingualOral => (DoseBasis.FixedMg, 200m, null),
                    _ => (DoseBasis.FixedMg, 56m, null),
                };
                var plan = new DosePlan(course.Id, np, route, basis, amount, minutes, np, at.AddDays(-2));
                var dose = DoseCalculator.Compute(plan, 70m, at.AddDays(-1), at);
                Assert.True(dose.IsSuccess, string.Join("; ", dose.Problems));
                var checklist = new PreDoseChecklist(true, true, true, true, true, true, 5, false, 124, 80, null, true, i == 0 ? null : (at - Dose1).TotalHours);
                var (session, started) = DosingSession.Start(course.Id, patient, null, np, plan, dose, 70m, at.AddDays(-1), checklist, DosingSessionSettings.Default,
                    np, at.AddMinutes(-15));
                Assert.True(started.IsSuccess, string.Join("; ", started.Problems));
                var lot = route == Route.EsketamineNasal ? esketamine : racemic;
                var mg = dose.Milligrams!.Value;
                var entry = LedgerEntry.Administer(lot, ledger, mg, at, np, patient, course.Id, session!.Id).Value!;
                ledger.Add(entry);
                db.DosingSessions.Add(session);
                db.LedgerEntries.Add(entry);
                db.SessionAdministrations.Add(new SessionAdministration(session.Id, lot.Id, entry.Id, route, mg, lot.MlFor(mg), at, np, false, mg,
                    basis == DoseBasis.MgPerKg ? amount : null, dose.Arithmetic ?? "", null));
            }

            foreach (var (instrument, total, at) in seeded.Scores)
            {
                var responses = WithTotal(instrument, total ?? 1);
                if (total is null)
                {
                    responses[0] = null;
                }

                var result = MeasureScoring.Score(instrument, responses);
                Assert.Equal(total is not null, result.IsValid);
                db.MeasureRecords.Add(new MeasureRecord(course.Id, patient, result, responses, therapist, at));
            }

            await db.SaveChangesAsync();
        }

        clinic.AsTherapistA();
        return (patients, courses);
    }

    /// <summary>A complete answer set summing to <paramref name="total"/>, filling items from the first (PHQ-9 item 9 stays 0 below 25).</summary>
    private static int?[] WithTotal(Instrument instrument, int total)
    {
        var definition = InstrumentCatalog.Get(instrument);
        var responses = new int?[definition.ItemCount];
        var left = total;
        for (var i = 0; i < responses.Length; i++)
        {
            responses[i] = Math.Min(left, definition.Items[i].Max);
            left -= responses[i]!.Value;
        }

        Assert.Equal(0, left);
        return responses;
    }

    private static OutcomeRowDto Row(RouteGroupKind kind, Route? route, string group, int completed, int withPair, int responders, int? remitters,
        decimal? median, int notRecorded = 0, int noBaseline = 0, int noEnd = 0, int baselineZero = 0, int noDose = 0) =>
        new(kind, route, group, completed, withPair, responders, remitters, median, notRecorded, noBaseline, noEnd, baselineZero, noDose);

    private static InstrumentOutcomesDto Of(ClinicOutcomesDto dto, Instrument instrument) => dto.Instruments.Single(i => i.Instrument == instrument);

    [Fact]
    public async Task The_report_for_december_gives_the_counts_rates_and_medians_worked_out_by_hand()
    {
        await SeedAsync(_app, _clinic);
        _clinic.AsTherapistA();

        var result = await _app.SendAsync(new GetClinicOutcomesQuery(December1, December31));

        Assert.True(result.IsSuccess, result.Error?.Message);
        var dto = result.Value;
        Assert.Equal(7, dto.CompletedCourses); // C1–C7: not the active, discontinued or out-of-range courses
        Assert.Equal(12, dto.MadrsRemissionThreshold);
        Assert.Equal([Instrument.Phq9, Instrument.Gad7, Instrument.Pcl5, Instrument.Madrs], dto.Instruments.Select(i => i.Instrument));

        const RouteGroupKind R = RouteGroupKind.Route;
        var phq = Of(dto, Instrument.Phq9);
        Assert.True(phq.HasRemissionRule);
        Assert.Equal(
            [
                Row(R, Route.IntravenousInfusion, "IV infusion", 2, 2, 2, 1, -12m), // C1 −10, C2 −14
                Row(R, Route.Intramuscular, "IM", 1, 0, 0, 0, null, noEnd: 1), // C6: the follow-up after completion is not the end
                Row(R, Route.SublingualOral, "Sublingual/oral", 1, 0, 0, 0, null, noBaseline: 1), // C4
                Row(R, Route.EsketamineNasal, "Esketamine nasal", 1, 0, 0, 0, null, baselineZero: 1), // C3
                Row(RouteGroupKind.Mixed, null, "Mixed (more than one route)", 1, 1, 0, 0, -6m), // C5 15 → 9
                Row(RouteGroupKind.NoDose, null, "No dose given", 1, 0, 0, 0, null, noDose: 1), // C7
            ],
            phq.ByRoute);
        Assert.Equal(Row(RouteGroupKind.All, null, "All routes", 7, 3, 2, 1, -10m, noBaseline: 1, noEnd: 1, baselineZero: 1, noDose: 1), phq.All);
        Assert.Equal(4, phq.All.WithoutPair);
        Assert.Equal("2 of 3 (67 %)", OutcomeStatistics.Describe(phq.All.Responders, phq.All.WithPair));
        Assert.Equal("1 of 3 (33 %)", OutcomeStatistics.Describe(phq.All.Remitters!.Value, phq.All.WithPair));

        var madrs = Of(dto, Instrument.Madrs);
        Assert.Equal(
            [
                Row(R, Route.IntravenousInfusion, "IV infusion", 2, 2, 1, 1, -13m), // C1 −18, C2 −8: an even count, the mean of the two
                Row(R, Route.Intramuscular, "IM", 1, 1, 1, 1, -12m),
                Row(R, Route.SublingualOral, "Sublingual/oral", 1, 0, 0, 0, null, notRecorded: 1),
                Row(R, Route.EsketamineNasal, "Esketamine nasal", 1, 1, 1, 1, -12m),
                Row(RouteGroupKind.Mixed, null, "Mixed (more than one route)", 1, 1, 1, 0, -13m), // 26 → 13: exactly 50 %; 13 > 12
                Row(RouteGroupKind.NoDose, null, "No dose given", 1, 0, 0, 0, null, notRecorded: 1),
            ],
            madrs.ByRoute);
        // Changes −18, −13, −12, −12, −8: median −12.
        Assert.Equal(Row(RouteGroupKind.All, null, "All routes", 7, 5, 4, 3, -12m, notRecorded: 2), madrs.All);
        Assert.Equal("4 of 5 (80 %)", OutcomeStatistics.Describe(madrs.All.Responders, madrs.All.WithPair));
        Assert.Equal("3 of 5 (60 %)", OutcomeStatistics.Describe(madrs.All.Remitters!.Value, madrs.All.WithPair));

        var gad = Of(dto, Instrument.Gad7);
        Assert.False(gad.HasRemissionRule);
        Assert.Equal(
            [
                Row(R, Route.IntravenousInfusion, "IV infusion", 2, 1, 1, null, -7m, notRecorded: 1),
                Row(R, Route.Intramuscular, "IM", 1, 0, 0, null, null, notRecorded: 1),
                Row(R, Route.SublingualOral, "Sublingual/oral", 1, 1, 1, null, -7m),
                Row(R, Route.EsketamineNasal, "Esketamine nasal", 1, 1, 0, null, -2m),
                Row(RouteGroupKind.Mixed, null, "Mixed (more than one route)", 1, 1, 0, null, 0m),
                Row(RouteGroupKind.NoDose, null, "No dose given", 1, 0, 0, null, null, notRecorded: 1),
            ],
            gad.ByRoute);
        // Changes −7, −7, −2, 0: an even count, median (−7 + −2) / 2 = −4.5.
        Assert.Equal(Row(RouteGroupKind.All, null, "All routes", 7, 4, 2, null, -4.5m, notRecorded: 3), gad.All);
        Assert.Equal("2 of 4 (50 %)", OutcomeStatistics.Describe(gad.All.Responders, gad.All.WithPair));

        var pcl = Of(dto, Instrument.Pcl5);
        Assert.Equal(Row(RouteGroupKind.All, null, "All routes", 7, 0, 0, null, null, notRecorded: 7), pcl.All);
        Assert.Equal("0 of 0 (no computable pair)", OutcomeStatistics.Describe(pcl.All.Responders, pcl.All.WithPair));
    }

    [Fact]
    public async Task Without_dates_every_completed_course_counts_and_the_range_edges_are_clinic_days()
    {
        await SeedAsync(_app, _clinic);
        _clinic.AsAdmin();

        var all = (await _app.SendAsync(new GetClinicOutcomesQuery(null, null))).Value;

        // C1–C7 and the two completed just outside December; never the active or discontinued course.
        Assert.Equal(9, all.CompletedCourses);
        var phq = Of(all, Instrument.Phq9);
        // Pairs C1 −10, C2 −14, C5 −6, X2 −20, X3 −20: median −14; responders C1, C2, X2, X3; remitters C2, X2, X3.
        Assert.Equal(Row(RouteGroupKind.All, null, "All routes", 9, 5, 4, 3, -14m, noBaseline: 1, noEnd: 1, baselineZero: 1, noDose: 1), phq.All);
        Assert.Equal(Row(RouteGroupKind.Route, Route.IntravenousInfusion, "IV infusion", 4, 4, 4, 3, -17m), phq.ByRoute[0]);

        // 30 Nov 23:30 in New York is 1 Dec 04:30Z: in November for the clinic.
        Assert.Equal(1, (await _app.SendAsync(new GetClinicOutcomesQuery(new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30)))).Value.CompletedCourses);
        // 31 Dec 23:30 is 1 Jan 04:30Z: still December; 1 Jan 00:30 is January.
        Assert.Equal(1, (await _app.SendAsync(new GetClinicOutcomesQuery(December31, December31))).Value.CompletedCourses);
        Assert.Equal(1, (await _app.SendAsync(new GetClinicOutcomesQuery(new DateOnly(2027, 1, 1), null))).Value.CompletedCourses);
        Assert.Equal(8, (await _app.SendAsync(new GetClinicOutcomesQuery(null, December31))).Value.CompletedCourses);
    }

    [Fact]
    public async Task The_madrs_remission_threshold_is_the_clinic_setting()
    {
        await using var app = await KapTestApp.CreateAsync(new Dictionary<string, string?> { ["Measures:MadrsRemissionThreshold"] = "10" });
        var clinic = await Clinic.CreateAsync(app);
        await SeedAsync(app, clinic);

        var dto = (await app.SendAsync(new GetClinicOutcomesQuery(December1, December31))).Value;

        // End scores 12, 20, 10, 13, 8: at or below 10 are C3 and C6 only.
        Assert.Equal(10, dto.MadrsRemissionThreshold);
        Assert.Equal(2, Of(dto, Instrument.Madrs).All.Remitters);
        Assert.Equal(1, Of(dto, Instrument.Phq9).All.Remitters);
    }

    [Fact]
    public async Task The_report_names_no_patient_and_holds_no_ids_or_dates_of_birth_and_its_read_is_audited()
    {
        var (patients, courses) = await SeedAsync(_app, _clinic);
        _clinic.AsTherapistA(); // therapist A reads clinic-wide aggregates, therapist B's courses included

        var dto = (await _app.SendAsync(new GetClinicOutcomesQuery(null, null))).Value;
        var json = JsonSerializer.Serialize(dto);

        Assert.Equal(9, dto.CompletedCourses);
        foreach (var name in Courses.SelectMany(c => c.Name.Split(' ')))
        {
            Assert.DoesNotContain(name, json, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var id in patients.Concat(courses))
        {
            Assert.DoesNotContain(id.ToString(), json, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("1985", json, StringComparison.Ordinal); // the seeded patients' year of birth

        await using var db = _app.Db();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "GetClinicOutcomes");
        Assert.Equal(("ClinicOutcomes", (Guid?)null, (Guid?)null, true), (audit.EntityType, audit.EntityId, audit.PatientId, audit.Success));
    }

    [Fact]
    public async Task Patients_and_nurse_practitioners_are_refused()
    {
        var (patients, _) = await SeedAsync(_app, _clinic);
        Guid user;
        await using (var db = _app.Db())
        {
            user = await db.Patients.Where(p => p.Id == patients[0]).Select(p => p.UserId!.Value).SingleAsync();
        }

        _app.SignInAs(user, KapRoles.Patient);
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new GetClinicOutcomesQuery(null, null))).Error!.Kind);
        _clinic.AsNpA();
        Assert.Equal(ErrorKind.Forbidden, (await _app.SendAsync(new GetClinicOutcomesQuery(null, null))).Error!.Kind);
        _app.SignOut();
        Assert.False((await _app.SendAsync(new GetClinicOutcomesQuery(null, null))).IsSuccess);
    }

    [Fact]
    public async Task A_range_ending_before_it_starts_is_refused()
    {
        _clinic.AsTherapistA();
        var result = await _app.SendAsync(new GetClinicOutcomesQuery(December31, December1));

        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        Assert.Equal("The end date must be on or after the start date.", result.Error.Message);
    }
}
