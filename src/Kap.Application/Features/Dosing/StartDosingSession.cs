using FluentValidation;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Courses.ChangeCoursePhase;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Features.Preparation.Clearance;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Measures;
using Kap.Domain.Preparation;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Dosing;

/// <summary>
/// Starts a dosing session: the pre-dose checklist of domain.md §4, evaluated from what the NP confirms at
/// the bedside and from the stored records (consent, clearance, phase, interval, the pre-dose C-SSRS, a
/// pending risk assessment, the dose plan and a current weight). Every unmet item is named; nothing is
/// saved unless all hold. A pre-dose BP at or over the threshold needs the prescriber's override with a
/// reason, which is kept on the session and marked in the audit entry.
/// </summary>
[RequiresPolicy(KapPolicies.Prescriber)]
public sealed record StartDosingSessionCommand(
    Guid CourseId,
    Guid? AppointmentId,
    bool FastingConfirmed,
    bool EscortConfirmed,
    bool NoAlcohol24HoursConfirmed,
    bool MedicationFlagsReviewed,
    int? BaselineMoaas,
    int? Systolic,
    int? Diastolic,
    int? HeartRate,
    int? SpO2,
    int? RespiratoryRate,
    string? BpOverrideReason,
    decimal? WeightKg) : ICommand<Result<Guid>>;

/// <summary>What the checklist screen shows before the NP starts: the stored items, the plan and the computed dose.</summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record GetDosingStartQuery(Guid CourseId) : IQuery<Result<DosingStartDto>>, IReadsHealthInformation;

public sealed record DosingStartDto(
    Guid CourseId,
    string PatientName,
    CoursePhase Phase,
    bool ConsentCurrent,
    bool ClearanceCurrent,
    bool RiskAssessmentPending,
    bool? PreDoseCssrsHighRisk,
    DateTime? PreDoseCssrsAtUtc,
    double? HoursSinceLastDose,
    double MinimumIntervalHours,
    string? PlanDescription,
    Route? Route,
    string FastingText,
    IReadOnlyList<string> MedicationFlags,
    decimal? WeightKg,
    DateTime? WeightRecordedAtUtc,
    int WeightValidityDays,
    decimal? DoseMg,
    string? DoseArithmetic,
    IReadOnlyList<string> DoseProblems,
    int BpSystolicThreshold,
    int BpDiastolicThreshold,
    Guid? OpenSessionId,
    Guid? TodaysDosingAppointmentId,
    bool IsPrescriber);

public sealed class StartDosingSessionValidator : AbstractValidator<StartDosingSessionCommand>
{
    public StartDosingSessionValidator()
    {
        RuleFor(x => x.CourseId).NotEmpty();
        RuleFor(x => x.BaselineMoaas).InclusiveBetween(0, 5).WithMessage("MOAA/S is 0–5.");
        RuleFor(x => x.Systolic).InclusiveBetween(50, 300).WithMessage("Systolic BP must be 50–300 mmHg.");
        RuleFor(x => x.Diastolic).InclusiveBetween(20, 200).WithMessage("Diastolic BP must be 20–200 mmHg.");
        RuleFor(x => x.HeartRate).InclusiveBetween(20, 250).WithMessage("Heart rate must be 20–250 /min.");
        RuleFor(x => x.SpO2).InclusiveBetween(50, 100).WithMessage("SpO₂ must be 50–100 %.");
        RuleFor(x => x.RespiratoryRate).InclusiveBetween(4, 60).WithMessage("Respiratory rate must be 4–60 /min.");
        RuleFor(x => x.BpOverrideReason).MaximumLength(2000);
        RuleFor(x => x.WeightKg).InclusiveBetween(ClearanceVitals.MinWeightKg, ClearanceVitals.MaxWeightKg)
            .WithMessage($"Weight must be {ClearanceVitals.MinWeightKg:0}–{ClearanceVitals.MaxWeightKg:0} kg.");
        RuleFor(x => x.Diastolic).LessThan(x => x.Systolic).When(x => x.Systolic is not null && x.Diastolic is not null)
            .WithMessage("Diastolic BP must be lower than systolic.");
    }
}

/// <summary>Everything the start command and the checklist screen read from the records, evaluated once.</summary>
internal sealed record PreDoseRecords(
    bool ConsentCurrent,
    bool ClearanceCurrent,
    bool RiskAssessmentPending,
    bool? CssrsHighRisk,
    DateTime? CssrsAtUtc,
    double? HoursSinceLastDose,
    Kap.Domain.Preparation.DosePlan? Plan,
    decimal? WeightKg,
    DateTime? WeightAtUtc,
    IReadOnlyList<string> MedicationFlags,
    Guid? OpenSessionId)
{
    /// <summary>A C-SSRS screener recorded for the course in the 24 h before dosing counts as the pre-dose screen [U].</summary>
    public static readonly TimeSpan CssrsWindow = TimeSpan.FromHours(24);

    public static async Task<PreDoseRecords> ReadAsync(IKapDbContext db, Course course, DateTime now, ClinicalOptions clinical, CancellationToken cancellationToken)
    {
        var gate = await DosingGate.EvaluateAsync(db, course, now, clinical.ClearanceValidityDays, cancellationToken);
        var since = now - CssrsWindow;
        var cssrs = await db.MeasureRecords.AsNoTracking()
            .Where(m => m.CourseId == course.Id && m.Instrument == Instrument.CssrsScreener && m.IsValid && m.TakenAtUtc >= since)
            .OrderByDescending(m => m.TakenAtUtc).Select(m => new { m.CssrsRisk, m.TakenAtUtc }).FirstOrDefaultAsync(cancellationToken);
        var lastDose = await DosingSessions.LastDoseAtAsync(db, course.Id, cancellationToken);
        var plan = await db.DosePlans.AsNoTracking().Where(p => p.CourseId == course.Id).OrderByDescending(p => p.PlannedAtUtc).FirstOrDefaultAsync(cancellationToken);
        var (weight, weightAt) = await DosingSessions.LatestWeightAsync(db, course.Id, cancellationToken);
        var clearance = await ClearanceQueries.Latest(db.MedicalClearances.AsNoTracking(), course.Id).Where(c => c.SignedAtUtc != null).FirstOrDefaultAsync(cancellationToken);
        var flags = clearance is null ? [] : clearance.MedicationWarnings.Select(w => $"{w.MedicationName}: {w.Text}").ToList();
        var open = await db.DosingSessions.Where(s => s.CourseId == course.Id && s.Status == DosingSessionStatus.InProgress).Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return new PreDoseRecords(gate.ConsentCurrent, gate.ClearanceSigned, gate.RiskAssessmentPending,
            cssrs is null ? null : cssrs.CssrsRisk == CssrsRisk.High, cssrs?.TakenAtUtc,
            lastDose is { } at ? (now - at).TotalHours : null, plan, weight, weightAt, flags, open);
    }
}

public sealed class GetDosingStartHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IOptionsMonitor<ClinicalOptions> clinical,
    IOptionsMonitor<DosingOptions> dosing, IOptionsMonitor<ClinicOptions> clinic) : IQueryHandler<GetDosingStartQuery, Result<DosingStartDto>>
{
    public async ValueTask<Result<DosingStartDto>> Handle(GetDosingStartQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, query.CourseId, nameof(DosingSession), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var records = await PreDoseRecords.ReadAsync(db, course, now, clinical.CurrentValue, cancellationToken);
        var settings = dosing.CurrentValue.ToSettings();
        DoseCalculation? dose = records.Plan is null ? null
            : DoseCalculator.Compute(records.Plan, records.WeightKg, records.WeightAtUtc, now, clinical.CurrentValue.WeightValidityDays);
        var name = await DosingSessions.PatientNameAsync(db, course.PatientId, cancellationToken);

        var zone = clinic.CurrentValue.GetTimeZone();
        var today = DateOnly.FromDateTime(WallClock.ToLocal(now, zone));
        var dayStart = WallClock.ToUtc(today.ToDateTime(TimeOnly.MinValue), zone);
        var dayEnd = WallClock.ToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var appointment = await db.Appointments.Where(a => a.CourseId == course.Id && a.Kind == AppointmentKind.Dosing && a.Status != AppointmentStatus.Cancelled
                && a.StartUtc >= dayStart && a.StartUtc < dayEnd && !db.DosingSessions.Any(s => s.AppointmentId == a.Id))
            .OrderBy(a => a.StartUtc).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);

        return new DosingStartDto(course.Id, name, course.Phase, records.ConsentCurrent, records.ClearanceCurrent, records.RiskAssessmentPending,
            records.CssrsHighRisk, records.CssrsAtUtc, records.HoursSinceLastDose, settings.MinimumIntervalHours, records.Plan?.Describe(), records.Plan?.Route,
            FastingRule.For(records.Plan?.Route ?? Route.IntravenousInfusion).Text, records.MedicationFlags, records.WeightKg, records.WeightAtUtc,
            clinical.CurrentValue.WeightValidityDays, dose?.Milligrams, dose?.Arithmetic, dose?.Problems ?? ["No dose plan: the prescribing NP sets one in Preparation."],
            settings.BpSystolicThreshold, settings.BpDiastolicThreshold, records.OpenSessionId, appointment, op.User.Id == course.PrescriberId);
    }
}

public sealed class StartDosingSessionHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IOptionsMonitor<ClinicalOptions> clinical,
    IOptionsMonitor<DosingOptions> dosing, DosingSessionNotifier notifier) : ICommandHandler<StartDosingSessionCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(StartDosingSessionCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, command.CourseId, nameof(DosingSession), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        if (course.PrescriberId != op.User.Id)
        {
            return Error.Rule("Only the course's prescribing nurse practitioner runs its dosing sessions.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var settings = dosing.CurrentValue.ToSettings();
        var records = await PreDoseRecords.ReadAsync(db, course, now, clinical.CurrentValue, cancellationToken);
        var problems = new List<string>();
        if (records.OpenSessionId is not null)
        {
            problems.Add("Session: this course already has a dosing session in progress; discharge it (or end it) first.");
        }

        if (command.HeartRate is null || command.SpO2 is null)
        {
            problems.Add("Pre-dose vitals: record the heart rate and SpO₂ with the blood pressure.");
        }

        if (records.RiskAssessmentPending)
        {
            problems.Add("Risk: a questionnaire raised a suicide-risk alert and no risk assessment has been recorded since.");
        }

        if (command.AppointmentId is { } appointmentId
            && !await db.Appointments.AnyAsync(a => a.Id == appointmentId && a.CourseId == course.Id && a.Kind == AppointmentKind.Dosing
                && a.Status != AppointmentStatus.Cancelled, cancellationToken))
        {
            return Error.Field(nameof(command.AppointmentId), "The appointment is not a dosing session of this course.");
        }

        var (weight, weightAt) = command.WeightKg is { } measured ? (measured, now) : (records.WeightKg, records.WeightAtUtc);
        var overThreshold = command.Systolic is { } s && command.Diastolic is { } d && PreDoseRules.IsOverThreshold(s, d, settings);
        var bpOverride = overThreshold && !string.IsNullOrWhiteSpace(command.BpOverrideReason)
            ? new SignedOverride(command.BpOverrideReason.Trim(), op.User.RequiredId, now)
            : null;
        var checklist = new PreDoseChecklist(records.ConsentCurrent, records.ClearanceCurrent, command.FastingConfirmed, command.EscortConfirmed,
            command.NoAlcohol24HoursConfirmed, command.MedicationFlagsReviewed, command.BaselineMoaas, records.CssrsHighRisk, command.Systolic, command.Diastolic,
            bpOverride, course.Phase == CoursePhase.Dosing, records.HoursSinceLastDose);

        DosingSession? session = null;
        if (records.Plan is null)
        {
            problems.AddRange(PreDoseRules.Check(checklist, settings).Problems);
            problems.Add("Dose plan: there is no dose plan; the prescribing NP sets one first.");
        }
        else
        {
            var dose = DoseCalculator.Compute(records.Plan, weight, weightAt, now, clinical.CurrentValue.WeightValidityDays);
            var (started, result) = DosingSession.Start(course.Id, course.PatientId, command.AppointmentId, course.PrescriberId, records.Plan, dose, weight, weightAt,
                checklist, settings, op.User.RequiredId, now);
            problems.AddRange(result.Problems);
            session = started;
        }

        if (problems.Count > 0 || session is null)
        {
            return Error.Rule(problems.Count == 1 ? "The session cannot start: " + problems[0] : "The session cannot start until every pre-dose item holds:", problems);
        }

        db.DosingSessions.Add(session);
        db.SessionVitals.Add(new SessionVitals(session.Id, Guid.NewGuid(),
            new VitalSigns(now, command.Systolic!.Value, command.Diastolic!.Value, command.HeartRate!.Value, command.SpO2!.Value, command.RespiratoryRate),
            isPreDose: true, op.User.RequiredId));
        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(DosingSession), session.Id, course.PatientId);
        if (session.BpOverride is not null)
        {
            op.Note("bp-override");
        }

        DosingSessions.Changed(op, notifier, session.Id);
        return session.Id;
    }
}
