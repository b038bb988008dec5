using Kap.Application.Common.Results;
using Kap.Application.Features.Courses.ChangeCoursePhase;
using Kap.Application.Features.Courses.GetCourse;
using Kap.Application.Features.Dosing;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Features.Preparation.Clearance;
using Kap.Application.Features.Preparation.Consent;
using Kap.Application.Features.Preparation.DosePlan;
using Kap.Application.Features.Preparation.PreparationNotes;
using Kap.Application.Features.Preparation.Screening;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Courses;
using Kap.Domain.Ledger;
using Kap.Domain.Measures;
using Kap.Domain.Preparation;
using Kap.Domain.Screening;

namespace Kap.Application.Tests.Features.Dosing;

/// <summary>A course taken through preparation into Dosing by commands, a dose plan, and stock to draw from.</summary>
public abstract class DosingTest : ClinicTest
{
    protected static readonly int?[] CssrsNone = [0, 0, null, null, null, 0, null];
    protected static readonly int?[] CssrsHigh = [1, 1, 1, 1, 0, 0, null];

#pragma warning disable CA1051 // test base
    protected Guid _course;
    protected Guid _racemicLot;
    protected Guid _esketamineLot;
#pragma warning restore CA1051

    /// <summary>Course of therapist A and NP A in Dosing, 70 kg, with the plan; NP A signed in.</summary>
    protected async Task<Guid> CourseInDosingAsync(Route route = Route.IntravenousInfusion, DoseBasis basis = DoseBasis.MgPerKg, decimal amount = 0.5m,
        int? infusionMinutes = 40)
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        await MoveAsync(course, CoursePhase.Screening);
        Ok(await _app.SendAsync(new RecordSuitabilityCommand(course, "SSRIs", true, "Partner", "Work", SuitabilityDecision.Suitable, null)));
        await MoveAsync(course, CoursePhase.Preparation);
        _clinic.AsAdmin();
        var version = (await _app.SendAsync(new PublishConsentVersionCommand("Consent", "Text"))).Value;
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordConsentCommand(course, version, "Jamie Rivera")));
        Ok(await _app.SendAsync(new RecordPreparationNoteCommand(course, null, "Reconnect", null)));
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.Phq9, [2, 2, 1, 1, 2, 1, 1, 2, 0])));
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.Gad7, [1, 1, 1, 1, 1, 1, 0])));
        Ok(await _app.SendAsync(new RecordMeasureCommand(course, Instrument.CssrsScreener, CssrsNone)));
        _clinic.AsNpA();
        Ok(await _app.SendAsync(new SaveClearanceCommand(course, null, 124, 80, 70, 70m, 170m, "None", "None known", PregnancyStatus.NotApplicable, [], [], [])));
        var clearance = (await _app.SendAsync(new GetClearanceQuery(course))).Value!;
        Ok(await _app.SendAsync(new SignClearanceCommand(clearance.Id, clearance.Version)));
        Ok(await _app.SendAsync(new SaveDosePlanCommand(course, route, basis, amount, route == Route.IntravenousInfusion ? infusionMinutes : null, null)));
        _clinic.AsTherapistA();
        Ok(await MoveAsync(course, CoursePhase.Dosing));
        await ReceiveStockAsync();
        _clinic.AsNpA();
        _course = course;
        return course;
    }

    protected async Task ReceiveStockAsync()
    {
        await using var db = _app.Db();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        var racemic = StockLot.Receive(Substance.RacemicKetamine, DosageForm.InjectableSolution, 50m, 10m, 2, "KET-1", DateOnly.FromDateTime(now.AddYears(1)),
            "Supplier", "1 Main St", "AB1234563", now.AddDays(-1), _clinic.NpA).Value!;
        var esketamine = StockLot.Receive(Substance.Esketamine, DosageForm.NasalSpray, 140m, 0.2m, 12, "ESK-1", DateOnly.FromDateTime(now.AddYears(1)),
            "Supplier", "1 Main St", "AB1234563", now.AddDays(-1), _clinic.NpA).Value!;
        db.StockLots.AddRange(racemic, esketamine);
        db.LedgerEntries.Add(LedgerEntry.Receive(racemic, []).Value!);
        db.LedgerEntries.Add(LedgerEntry.Receive(esketamine, []).Value!);
        await db.SaveChangesAsync();
        _racemicLot = racemic.Id;
        _esketamineLot = esketamine.Id;
    }

    /// <summary>Runs one IV dose for the course from the C-SSRS screen to discharge (NP A; the clock moves an hour for the monitoring). Returns the session.</summary>
    protected async Task<Guid> GiveDoseAsync()
    {
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordMeasureCommand(_course, Instrument.CssrsScreener, CssrsNone)));
        _clinic.AsNpA();
        var session = await StartAsync(Checklist(_course) with { WeightKg = 70m });
        Ok(await _app.SendAsync(new RecordAdministrationCommand(session, _racemicLot, 35m, null)));
        Ok(await _app.SendAsync(new EndInfusionCommand(session)));
        Advance(60);
        Ok(await VitalsAsync(session));
        Ok(await _app.SendAsync(new RecordSedationCommand(session, Guid.NewGuid(), 5)));
        Ok(await _app.SendAsync(new DischargeSessionCommand(session, true, true, true, true, null)));
        return session;
    }

    protected StartDosingSessionCommand Checklist(Guid course) => new(course, null, FastingConfirmed: true, EscortConfirmed: true, NoAlcohol24HoursConfirmed: true,
        MedicationFlagsReviewed: true, BaselineMoaas: 5, Systolic: 128, Diastolic: 82, HeartRate: 72, SpO2: 98, RespiratoryRate: 14, BpOverrideReason: null, WeightKg: null);

    protected async Task<Guid> StartAsync(StartDosingSessionCommand? command = null)
    {
        var result = await _app.SendAsync(command ?? Checklist(_course));
        Assert.True(result.IsSuccess, Describe(result.Error));
        return result.Value;
    }

    protected async Task<Result<Guid>> MoveAsync(Guid course, CoursePhase to, string? reason = null)
    {
        var version = (await _app.SendAsync(new GetCourseQuery(course))).Value.Version;
        return await _app.SendAsync(new ChangeCoursePhaseCommand(course, version, to, reason));
    }

    protected Task<Result<VitalsRecorded>> VitalsAsync(Guid session, int systolic = 126, int diastolic = 80, int heartRate = 75, int spo2 = 98) =>
        _app.SendAsync(new RecordVitalsCommand(session, Guid.NewGuid(), systolic, diastolic, heartRate, spo2, null));

    protected void Advance(double minutes) => _app.Clock.Advance(TimeSpan.FromMinutes(minutes));

    protected static void Ok(Result result) => Assert.True(result.IsSuccess, Describe(result.Error));

    protected static string Describe(Error? error) => error is null ? "" : error.Message + " " + string.Join(" | ", error.Details ?? []);

    protected static IReadOnlyList<string> Problems(Result result)
    {
        Assert.False(result.IsSuccess);
        return result.Error!.Details is { Count: > 0 } details ? details : [result.Error.Message];
    }
}
