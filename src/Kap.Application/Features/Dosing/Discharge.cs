using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Reminders.Common;
using Kap.Domain.Dosing;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Dosing;

/// <summary>
/// Discharge (domain.md §4): refused, naming every unmet rule, until the minimum monitoring time has
/// passed, the last BP is under the threshold or falling toward baseline, MOAA/S is back to baseline, the
/// patient is alert and oriented, tolerating fluids, with minimal nausea, and the escort is present. A
/// MOAA/S of 0 also needs its adverse event on record. Afterwards the next-day check-in and the
/// integration-booking check are planned from the discharge time, and the appointment is marked attended.
/// </summary>
[RequiresPolicy(KapPolicies.Prescriber)]
public sealed record DischargeSessionCommand(Guid SessionId, bool AlertAndOriented, bool ToleratingFluids, bool MinimalNausea, bool EscortPresent, string? Note)
    : ICommand<Result>;

/// <summary>Ends a session in which no dose was given (e.g. the patient felt unwell), with the reason.</summary>
[RequiresPolicy(KapPolicies.Prescriber)]
public sealed record EndSessionWithoutDoseCommand(Guid SessionId, string Reason) : ICommand<Result>;

public sealed class DischargeSessionValidator : AbstractValidator<DischargeSessionCommand>
{
    public DischargeSessionValidator()
    {
        RuleFor(x => x.SessionId).NotEmpty();
        RuleFor(x => x.Note).MaximumLength(4000);
    }
}

public sealed class EndSessionWithoutDoseValidator : AbstractValidator<EndSessionWithoutDoseCommand>
{
    public EndSessionWithoutDoseValidator()
    {
        RuleFor(x => x.SessionId).NotEmpty();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Give the reason the session ends without a dose.").MaximumLength(4000);
    }
}

/// <summary>The discharge facts of a session, read from its rows.</summary>
internal static class DischargeEvaluation
{
    public static async Task<(DischargeFacts? Facts, List<string> Extra)> ReadAsync(Kap.Application.Common.Interfaces.IKapDbContext db, DosingSession session,
        bool alertAndOriented, bool toleratingFluids, bool minimalNausea, bool escortPresent, CancellationToken cancellationToken)
    {
        var administered = await db.SessionAdministrations.Where(a => a.SessionId == session.Id).Select(a => a.AtUtc).ToListAsync(cancellationToken);
        if (administered.Count == 0)
        {
            return Evaluate(session, administered, [], [], false, alertAndOriented, toleratingFluids, minimalNausea, escortPresent);
        }

        var first = administered.Min();
        var vitals = await db.SessionVitals.AsNoTracking().Where(v => v.SessionId == session.Id).ToListAsync(cancellationToken);
        var sedation = await db.SedationEntries.AsNoTracking().Where(s => s.SessionId == session.Id && s.AtUtc >= first)
            .OrderBy(s => s.AtUtc).ToListAsync(cancellationToken);
        var lossRecorded = sedation.Any(s => s.Level == SedationLevel.LossOfConsciousness)
            && await db.AdverseEvents.AnyAsync(e => e.SessionId == session.Id && e.Type == AdverseEventType.SedationOrLossOfConsciousness, cancellationToken);
        return Evaluate(session, administered, [.. vitals.Select(v => v.ToVitalSigns())], [.. sedation.Select(s => new SedationReading(s.AtUtc, s.Score, s.Level))],
            lossRecorded, alertAndOriented, toleratingFluids, minimalNausea, escortPresent);
    }

    /// <summary>
    /// The facts from rows already in memory (the session screen loads them all anyway): the administrations' times, every
    /// vitals reading, the sedation scores in any order (only those from the first dose on count), and whether a loss of
    /// consciousness is on record as an adverse event.
    /// </summary>
    public static (DischargeFacts? Facts, List<string> Extra) Evaluate(DosingSession session, IReadOnlyCollection<DateTime> administered,
        IReadOnlyList<VitalSigns> vitals, IEnumerable<SedationReading> sedationEntries, bool lossOfConsciousnessRecorded,
        bool alertAndOriented, bool toleratingFluids, bool minimalNausea, bool escortPresent)
    {
        var extra = new List<string>();
        if (administered.Count == 0)
        {
            extra.Add("Dose: no dose has been given; record it, or end the session without a dose.");
            return (null, extra);
        }

        var first = administered.Min();
        var sedation = sedationEntries.Where(s => s.AtUtc >= first).OrderBy(s => s.AtUtc).ToList();
        if (sedation.Any(s => s.Level == SedationLevel.LossOfConsciousness) && !lossOfConsciousnessRecorded)
        {
            extra.Add("Adverse event: MOAA/S 0 (loss of consciousness) was recorded; record it as an adverse event.");
        }

        var facts = new DischargeFacts(session.Route, first, administered.Max(), session.InfusionEndedAtUtc, session.PreDoseSystolic,
            vitals, session.BaselineMoaas, sedation.Count == 0 ? null : sedation[^1].Score,
            alertAndOriented, toleratingFluids, minimalNausea, escortPresent);
        return (facts, extra);
    }
}

/// <summary>A sedation score as the discharge rules read it.</summary>
internal sealed record SedationReading(DateTime AtUtc, int Score, SedationLevel Level);

public sealed class DischargeSessionHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IOptionsMonitor<DosingOptions> dosing,
    ReminderScheduler reminders, DosingSessionNotifier notifier) : ICommandHandler<DischargeSessionCommand, Result>
{
    public async ValueTask<Result> Handle(DischargeSessionCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var (session, course) = await DosingSessions.VisibleAsync(op, access, command.SessionId, nameof(DosingSession), cancellationToken, track: true);
        if (session is null || course is null)
        {
            return Error.NotFound("The dosing session");
        }

        if (!session.IsOpen)
        {
            return Error.Rule("The session has already ended.");
        }

        var (facts, problems) = await DischargeEvaluation.ReadAsync(db, session, command.AlertAndOriented, command.ToleratingFluids, command.MinimalNausea,
            command.EscortPresent, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (facts is not null)
        {
            var check = DischargeRules.Check(facts, now, dosing.CurrentValue.ToSettings());
            problems.InsertRange(0, check.Problems);
        }

        if (problems.Count > 0 || facts is null)
        {
            return Error.Rule(problems.Count == 1 ? "Not ready for discharge: " + problems[0] : "Not ready for discharge:", problems);
        }

        var discharged = session.Discharge(facts, now, dosing.CurrentValue.ToSettings(), op.User.RequiredId, command.Note);
        if (!discharged.IsSuccess)
        {
            return Error.Rule("Not ready for discharge:", discharged.Problems);
        }

        if (session.AppointmentId is { } appointmentId)
        {
            var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
            if (appointment is { Status: AppointmentStatus.Booked })
            {
                appointment.RecordOutcome(AppointmentStatus.Attended, now);
            }
        }

        await reminders.PlanAfterDischargeAsync(db, course.Id, session.AppointmentId, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(DosingSession), session.Id, course.PatientId);
        DosingSessions.Changed(op, notifier, session.Id);
        return Result.Success();
    }
}

public sealed class EndSessionWithoutDoseHandler(IOperationContext context, PatientAccess access, TimeProvider clock, DosingSessionNotifier notifier)
    : ICommandHandler<EndSessionWithoutDoseCommand, Result>
{
    public async ValueTask<Result> Handle(EndSessionWithoutDoseCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var (session, course) = await DosingSessions.VisibleAsync(op, access, command.SessionId, nameof(DosingSession), cancellationToken, track: true);
        if (session is null || course is null)
        {
            return Error.NotFound("The dosing session");
        }

        var any = await db.SessionAdministrations.AnyAsync(a => a.SessionId == session.Id, cancellationToken);
        var ended = session.EndWithoutDose(any, command.Reason, op.User.RequiredId, clock.GetUtcNow().UtcDateTime);
        if (!ended.IsSuccess)
        {
            return Error.Rule(ended.Problems[0]);
        }

        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(DosingSession), session.Id, course.PatientId);
        DosingSessions.Changed(op, notifier, session.Id);
        return Result.Success();
    }
}
