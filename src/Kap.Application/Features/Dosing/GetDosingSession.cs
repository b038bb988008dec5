using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Dosing;
using Kap.Domain.Ledger;
using Kap.Domain.Preparation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Dosing;

/// <summary>The whole session for the bedside screen and its printed record.</summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record GetDosingSessionQuery(Guid SessionId) : IQuery<Result<DosingSessionDto>>, IReadsHealthInformation;

/// <summary>The course's dosing sessions, newest first, for the course page.</summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetCourseDosingSessionsQuery(Guid CourseId) : IQuery<Result<IReadOnlyList<DosingSessionSummaryDto>>>, IReadsHealthInformation;

/// <param name="Integrations">Integration sessions after this dose (before the next one), booked or held.</param>
/// <param name="NoIntegrationInTime">Dosed, and no integration session starts within the clinic's window (default 72 h) after it ended.</param>
public sealed record DosingSessionSummaryDto(Guid Id, DateTime StartedAtUtc, DosingSessionStatus Status, string RouteText, decimal TotalMg, int AdverseEvents,
    DateTime? EndedAtUtc, IReadOnlyList<IntegrationAfterDoseDto> Integrations, bool NoIntegrationInTime);

public sealed record IntegrationAfterDoseDto(Guid AppointmentId, DateTime StartUtc, Kap.Domain.Scheduling.AppointmentStatus Status);

public sealed record AdministrationDto(Guid Id, DateTime AtUtc, string RouteText, decimal Mg, decimal Ml, string LotNumber, string GivenBy, bool IsBooster,
    decimal CumulativeMg, decimal? CumulativeMgPerKg, string Arithmetic, string? CeilingOverrideReason, Guid LedgerEntryId);

public sealed record VitalsDto(Guid Id, DateTime AtUtc, int Systolic, int Diastolic, int HeartRate, int SpO2, int? RespiratoryRate, VitalsAlert Alert, bool IsPreDose,
    bool AboveThreshold, string RecordedBy);

public sealed record SedationDto(DateTime AtUtc, int Score, SedationLevel Level, string RecordedBy);

public sealed record CadssDto(DateTime AtUtc, CadssForm Form, int Total, int MaxTotal, bool IsSignificant, string RecordedBy);

public sealed record AdverseEventDto(Guid Id, DateTime OccurredAtUtc, AdverseEventType Type, AdverseEventSeverity Severity, string ActionTaken, string Outcome,
    string RecordedBy);

public sealed record SessionNoteDto(DateTime AtUtc, string Text, string By);

public sealed record LotOptionDto(Guid Id, string LotNumber, decimal StrengthMgPerMl, decimal BalanceMg, DateOnly ExpiresOn);

public sealed record BpPoint(string Label, DateTime AtUtc, int Systolic, int Diastolic);

/// <param name="ClinicalProblems">What stands between the patient and discharge apart from the bedside confirmations.</param>
public sealed record DischargeStatusDto(DateTime? ReadyAtUtc, int? MinutesUntilReady, IReadOnlyList<string> ClinicalProblems, int MinimumMinutes);

public sealed record DosingSessionDto(
    Guid Id,
    Guid CourseId,
    Guid PatientId,
    string PatientName,
    DosingSessionStatus Status,
    Route Route,
    string RouteText,
    int? InfusionMinutes,
    decimal PlannedDoseMg,
    string DoseArithmetic,
    decimal? WeightKg,
    DateTime? WeightRecordedAtUtc,
    DateTime StartedAtUtc,
    string StartedBy,
    string FastingText,
    int BaselineMoaas,
    int PreDoseSystolic,
    int PreDoseDiastolic,
    string? BpOverrideReason,
    double? HoursSinceLastDose,
    DateTime? InfusionEndedAtUtc,
    IReadOnlyList<AdministrationDto> Administrations,
    decimal TotalMg,
    decimal? TotalMgPerKg,
    IReadOnlyList<VitalsDto> Vitals,
    IReadOnlyList<SedationDto> Sedation,
    IReadOnlyList<CadssDto> Cadss,
    IReadOnlyList<AdverseEventDto> AdverseEvents,
    IReadOnlyList<SessionNoteDto> Notes,
    IReadOnlyList<MonitoringSlot> Slots,
    DischargeStatusDto Discharge,
    IReadOnlyList<LotOptionDto> Lots,
    IReadOnlyList<BpPoint> BpKeyPoints,
    IReadOnlyList<string> MonitoredBy,
    int? TotalMinutes,
    DateTime? EndedAtUtc,
    string? EndedBy,
    string? EndNote,
    bool AlertAndOriented,
    bool ToleratingFluids,
    bool MinimalNausea,
    bool EscortPresent,
    bool CanRecord,
    DateTime NowUtc)
{
    public bool IsOpen => Status == DosingSessionStatus.InProgress;

    public int? PeakCadss => Cadss.Count == 0 ? null : Cadss.Max(c => c.Total);

    public SedationDto? LatestSedation => Sedation.Count == 0 ? null : Sedation[^1];
}

public sealed class GetDosingSessionHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IOptionsMonitor<DosingOptions> dosing)
    : IQueryHandler<GetDosingSessionQuery, Result<DosingSessionDto>>
{
    public async ValueTask<Result<DosingSessionDto>> Handle(GetDosingSessionQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var (session, course) = await DosingSessions.VisibleAsync(op, access, query.SessionId, nameof(DosingSession), cancellationToken);
        if (session is null || course is null)
        {
            return Error.NotFound("The dosing session");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var settings = dosing.CurrentValue.ToSettings();
        var name = await DosingSessions.PatientNameAsync(db, course.PatientId, cancellationToken);

        var administrations = await db.SessionAdministrations.AsNoTracking().Where(a => a.SessionId == session.Id).OrderBy(a => a.AtUtc)
            .Join(db.StockLots, a => a.LotId, l => l.Id, (a, l) => new { a, l.LotNumber }).ToListAsync(cancellationToken);
        var vitals = await db.SessionVitals.AsNoTracking().Where(v => v.SessionId == session.Id).OrderBy(v => v.AtUtc).ToListAsync(cancellationToken);
        var sedation = await db.SedationEntries.AsNoTracking().Where(v => v.SessionId == session.Id).OrderBy(v => v.AtUtc).ToListAsync(cancellationToken);
        var cadss = await db.DissociationEntries.AsNoTracking().Where(v => v.SessionId == session.Id).OrderBy(v => v.AtUtc).ToListAsync(cancellationToken);
        var events = await db.AdverseEvents.AsNoTracking().Where(v => v.SessionId == session.Id).OrderBy(v => v.OccurredAtUtc).ToListAsync(cancellationToken);
        var notes = await db.SessionNotes.AsNoTracking().Where(v => v.SessionId == session.Id).OrderBy(v => v.AtUtc).ToListAsync(cancellationToken);

        var userIds = administrations.Select(a => a.a.GivenBy).Concat(vitals.Select(v => v.RecordedBy)).Concat(sedation.Select(s => s.RecordedBy))
            .Concat(cadss.Select(c => c.RecordedBy)).Concat(events.Select(e => e.RecordedBy)).Concat(notes.Select(n => n.ByUserId))
            .Append(session.StartedBy).Concat(session.EndedBy is { } e ? [e] : []).Distinct().ToArray();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        string Name(Guid id) => names.TryGetValue(id, out var n) ? n : "(unknown)";

        DateTime? first = administrations.Count == 0 ? null : administrations[0].a.AtUtc;
        var slots = first is { } firstAt
            ? MonitoringSchedule.Slots(session.Route, firstAt, session.InfusionEndedAtUtc, session.IsOpen ? now : session.EndedAtUtc ?? now,
                vitals.Select(v => v.AtUtc), settings)
            : [];
        if (!session.IsOpen)
        {
            // A closed session keeps its record; slots after it ended are not "overdue".
            slots = slots.Where(s => s.AtUtc <= (session.EndedAtUtc ?? now) + MonitoringSchedule.Tolerance).ToList();
        }

        var discharge = await DischargeStatusAsync(session, settings, now, cancellationToken);
        var lots = session.IsOpen ? await LotsAsync(session.Route, now, cancellationToken) : [];

        var keyPoints = new List<BpPoint> { new("Pre-dose", session.StartedAtUtc, session.PreDoseSystolic, session.PreDoseDiastolic) };
        var after = vitals.Where(v => !v.IsPreDose && first is not null && v.AtUtc >= first).ToList();
        if (after.Count > 0)
        {
            var peak = after.OrderByDescending(v => v.Systolic).ThenBy(v => v.AtUtc).First();
            keyPoints.Add(new BpPoint("Peak", peak.AtUtc, peak.Systolic, peak.Diastolic));
            var last = after[^1];
            keyPoints.Add(new BpPoint(session.Status == DosingSessionStatus.Discharged ? "At discharge" : "Latest", last.AtUtc, last.Systolic, last.Diastolic));
        }

        var monitoredBy = vitals.Select(v => v.RecordedBy).Concat(sedation.Select(s => s.RecordedBy)).Concat(cadss.Select(c => c.RecordedBy))
            .Distinct().Select(Name).ToList();
        var total = administrations.Sum(a => a.a.Mg);
        return new DosingSessionDto(session.Id, course.Id, course.PatientId, name, session.Status, session.Route, session.Route.Describe(), session.InfusionMinutes,
            session.PlannedDoseMg, session.DoseArithmetic, session.WeightKg, session.WeightRecordedAtUtc, session.StartedAtUtc, Name(session.StartedBy),
            FastingRule.For(session.Route).Text, session.BaselineMoaas, session.PreDoseSystolic, session.PreDoseDiastolic, session.BpOverride?.Reason,
            session.HoursSinceLastDose, session.InfusionEndedAtUtc,
            administrations.Select(x => new AdministrationDto(x.a.Id, x.a.AtUtc, x.a.Route.Describe(), x.a.Mg, x.a.Ml, x.LotNumber, Name(x.a.GivenBy), x.a.IsBooster,
                x.a.CumulativeMg, x.a.CumulativeMgPerKg, x.a.Arithmetic, x.a.CeilingOverride?.Reason, x.a.LedgerEntryId)).ToList(),
            total, session.WeightKg is { } kg && kg > 0 && session.Basis == DoseBasis.MgPerKg ? Math.Round(total / kg, 3) : null,
            vitals.Select(v => new VitalsDto(v.Id, v.AtUtc, v.Systolic, v.Diastolic, v.HeartRate, v.SpO2, v.RespiratoryRate, v.Alert, v.IsPreDose,
                PreDoseRules.IsOverThreshold(v.Systolic, v.Diastolic, settings), Name(v.RecordedBy))).ToList(),
            sedation.Select(s => new SedationDto(s.AtUtc, s.Score, s.Level, Name(s.RecordedBy))).ToList(),
            cadss.Select(c => new CadssDto(c.AtUtc, c.Form, c.Total, Kap.Domain.Dosing.Cadss.MaxTotal(c.Form), c.IsSignificant, Name(c.RecordedBy))).ToList(),
            events.Select(v => new AdverseEventDto(v.Id, v.OccurredAtUtc, v.Type, v.Severity, v.ActionTaken, v.Outcome, Name(v.RecordedBy))).ToList(),
            notes.Select(n => new SessionNoteDto(n.AtUtc, n.Text, Name(n.ByUserId))).ToList(),
            slots, discharge, lots, keyPoints, monitoredBy,
            session.EndedAtUtc is { } ended ? (int)Math.Round((ended - session.StartedAtUtc).TotalMinutes) : null,
            session.EndedAtUtc, session.EndedBy is { } by ? Name(by) : null, session.EndNote, session.AlertAndOriented, session.ToleratingFluids, session.MinimalNausea,
            session.EscortPresent, session.IsOpen && op.User.Id == session.PrescriberId, now);
    }

    private async Task<DischargeStatusDto> DischargeStatusAsync(DosingSession session, DosingSessionSettings settings, DateTime now, CancellationToken cancellationToken)
    {
        var minimum = DischargeRules.MinimumMinutes(session.Route, settings);
        if (!session.IsOpen)
        {
            return new DischargeStatusDto(null, null, [], minimum);
        }

        // The bedside confirmations are the NP's to tick at discharge; here only what the records say.
        var (facts, problems) = await DischargeEvaluation.ReadAsync(context.Current.Db, session, true, true, true, true, cancellationToken);
        if (facts is null)
        {
            return new DischargeStatusDto(null, null, problems, minimum);
        }

        problems.InsertRange(0, DischargeRules.Check(facts, now, settings).Problems);
        return new DischargeStatusDto(DischargeRules.ReadyAtUtc(facts, settings), DischargeRules.MinutesUntilReady(facts, now, settings), problems, minimum);
    }

    private async Task<IReadOnlyList<LotOptionDto>> LotsAsync(Route route, DateTime now, CancellationToken cancellationToken)
    {
        var db = context.Current.Db;
        var substance = DosingSessions.SubstanceFor(route);
        var today = DateOnly.FromDateTime(now);
        var lots = await db.StockLots.AsNoTracking().Where(l => l.Substance == substance && l.ExpiresOn >= today).OrderBy(l => l.ExpiresOn)
            .Select(l => new { l.Id, l.LotNumber, l.StrengthMgPerMl, l.ExpiresOn }).ToListAsync(cancellationToken);
        var ids = lots.Select(l => l.Id).ToArray();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => ids.Contains(e.LotId)).ToListAsync(cancellationToken);
        var balances = LotBalance.Of(entries);
        return lots.Select(l => new LotOptionDto(l.Id, l.LotNumber, l.StrengthMgPerMl, balances.TryGetValue(l.Id, out var b) ? b.BalanceMg : 0, l.ExpiresOn))
            .Where(l => l.BalanceMg > 0).ToList();
    }
}

public sealed class GetCourseDosingSessionsHandler(IOperationContext context, PatientAccess access, TimeProvider clock,
    IOptionsMonitor<ReminderOptions> reminders)
    : IQueryHandler<GetCourseDosingSessionsQuery, Result<IReadOnlyList<DosingSessionSummaryDto>>>
{
    public async ValueTask<Result<IReadOnlyList<DosingSessionSummaryDto>>> Handle(GetCourseDosingSessionsQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, query.CourseId, nameof(DosingSession), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var rows = await db.DosingSessions.AsNoTracking().Where(s => s.CourseId == course.Id).OrderByDescending(s => s.StartedAtUtc)
            .Select(s => new
            {
                s.Id, s.StartedAtUtc, s.Status, s.Route, s.EndedAtUtc,
                Doses = db.SessionAdministrations.Where(a => a.SessionId == s.Id).Select(a => a.Mg).ToList(),
                Events = db.AdverseEvents.Count(e => e.SessionId == s.Id),
            })
            .ToListAsync(cancellationToken);
        var integrations = await db.Appointments.AsNoTracking()
            .Where(a => a.CourseId == course.Id && a.Kind == Kap.Domain.Scheduling.AppointmentKind.Integration
                && a.Status != Kap.Domain.Scheduling.AppointmentStatus.Cancelled)
            .OrderBy(a => a.StartUtc).Select(a => new IntegrationAfterDoseDto(a.Id, a.StartUtc, a.Status)).ToListAsync(cancellationToken);
        var bookedDoses = await db.Appointments.AsNoTracking()
            .Where(a => a.CourseId == course.Id && a.Kind == Kap.Domain.Scheduling.AppointmentKind.Dosing && a.Status != Kap.Domain.Scheduling.AppointmentStatus.Cancelled)
            .Select(a => new { a.Id, a.StartUtc }).ToListAsync(cancellationToken);
        var linked = await db.DosingSessions.Where(s => s.CourseId == course.Id && s.AppointmentId != null).Select(s => s.AppointmentId!.Value).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var window = TimeSpan.FromHours(reminders.CurrentValue.IntegrationBookedWithinHours);
        var chronological = rows.OrderBy(r => r.StartedAtUtc).ToList();
        return rows.Select(r =>
        {
            // The next dose: a later session, or a later dosing appointment not yet run.
            var nextSession = chronological.FirstOrDefault(o => o.StartedAtUtc > r.StartedAtUtc)?.StartedAtUtc ?? DateTime.MaxValue;
            var nextBooked = bookedDoses.Where(a => !linked.Contains(a.Id) && a.StartUtc > (r.EndedAtUtc ?? r.StartedAtUtc)).Select(a => (DateTime?)a.StartUtc).Min()
                ?? DateTime.MaxValue;
            var next = nextSession < nextBooked ? nextSession : nextBooked;
            var after = integrations.Where(i => i.StartUtc >= r.StartedAtUtc && i.StartUtc < next).ToList();
            var dosed = r.Doses.Count > 0 && r.Status != DosingSessionStatus.EndedWithoutDose;
            var from = r.EndedAtUtc ?? r.StartedAtUtc;
            var late = dosed && !after.Any(i => i.StartUtc <= from + window) && (r.EndedAtUtc is not null || now > from + window);
            return new DosingSessionSummaryDto(r.Id, r.StartedAtUtc, r.Status, r.Route.Describe(), r.Doses.Sum(), r.Events, r.EndedAtUtc, after, late);
        }).ToList();
    }
}
