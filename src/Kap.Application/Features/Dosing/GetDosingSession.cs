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

/// <summary>
/// Reads the whole session in three statements, however many entries it has: the session with the visibility of its course
/// and the header's names; every bedside entry of every kind in one UNION ALL with the recorder's name joined in; and, while
/// the session is open, the usable lots with their ledger entries. The discharge status is worked out from the entries
/// already read. (It was one statement per table, per name lookup and per discharge fact: 15 for an open session.)
/// </summary>
public sealed class GetDosingSessionHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IOptionsMonitor<DosingOptions> dosing)
    : IQueryHandler<GetDosingSessionQuery, Result<DosingSessionDto>>
{
    private const string Unknown = "(unknown)";

    public async ValueTask<Result<DosingSessionDto>> Handle(GetDosingSessionQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var visible = access.Courses(db, op.User);
        var head = await db.DosingSessions.AsNoTracking().Where(s => s.Id == query.SessionId)
            .Select(s => new
            {
                Session = s,
                // Null when the user may not see the course: then the session is "not found".
                CoursePatientId = visible.Where(c => c.Id == s.CourseId).Select(c => (Guid?)c.PatientId).FirstOrDefault(),
                PatientName = visible.Where(c => c.Id == s.CourseId)
                    .Select(c => db.Patients.Where(p => p.Id == c.PatientId).Select(p => p.PreferredName ?? p.LegalName).FirstOrDefault())
                    .FirstOrDefault(),
                StartedByName = db.Users.Where(u => u.Id == s.StartedBy).Select(u => u.DisplayName).FirstOrDefault(),
                EndedByName = db.Users.Where(u => u.Id == s.EndedBy).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            op.Subject(nameof(DosingSession), null, null);
            return Error.NotFound("The dosing session");
        }

        op.Subject(nameof(DosingSession), query.SessionId, head.CoursePatientId);
        if (head.CoursePatientId is not { } patientId)
        {
            return Error.NotFound("The dosing session");
        }

        var session = head.Session;
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = dosing.CurrentValue.ToSettings();
        var name = head.PatientName ?? "";

        var entries = await SessionEntries.Of(db, session.Id).OrderBy(e => e.Kind).ThenBy(e => e.AtUtc).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var names = entries.GroupBy(e => e.By).ToDictionary(g => g.Key, g => g.First().ByName ?? Unknown);
        string Name(Guid id) => names.TryGetValue(id, out var n) ? n : Unknown;
        var administrations = entries.Where(e => e.Kind == SessionEntries.Administration).ToList();
        var vitals = entries.Where(e => e.Kind == SessionEntries.Vitals).ToList();
        var sedation = entries.Where(e => e.Kind == SessionEntries.Sedation).ToList();
        var cadss = entries.Where(e => e.Kind == SessionEntries.Dissociation).ToList();
        var events = entries.Where(e => e.Kind == SessionEntries.AdverseEvent).ToList();
        var notes = entries.Where(e => e.Kind == SessionEntries.Note).ToList();

        DateTime? first = administrations.Count == 0 ? null : administrations[0].AtUtc;
        var slots = first is { } firstAt
            ? MonitoringSchedule.Slots(session.Route, firstAt, session.InfusionEndedAtUtc, session.IsOpen ? now : session.EndedAtUtc ?? now,
                vitals.Select(v => v.AtUtc), settings)
            : [];
        if (!session.IsOpen)
        {
            // A closed session keeps its record; slots after it ended are not "overdue".
            slots = slots.Where(s => s.AtUtc <= (session.EndedAtUtc ?? now) + MonitoringSchedule.Tolerance).ToList();
        }

        var discharge = DischargeStatus(session, settings, now, administrations, vitals, sedation, events);
        var lots = session.IsOpen ? await LotsAsync(session.Route, now, cancellationToken) : [];

        var keyPoints = new List<BpPoint> { new("Pre-dose", session.StartedAtUtc, session.PreDoseSystolic, session.PreDoseDiastolic) };
        var after = vitals.Where(v => !v.IsPreDose!.Value && first is not null && v.AtUtc >= first).ToList();
        if (after.Count > 0)
        {
            var peak = after.OrderByDescending(v => v.Systolic).ThenBy(v => v.AtUtc).First();
            keyPoints.Add(new BpPoint("Peak", peak.AtUtc, peak.Systolic!.Value, peak.Diastolic!.Value));
            var last = after[^1];
            keyPoints.Add(new BpPoint(session.Status == DosingSessionStatus.Discharged ? "At discharge" : "Latest", last.AtUtc, last.Systolic!.Value, last.Diastolic!.Value));
        }

        var monitoredBy = vitals.Select(v => v.By).Concat(sedation.Select(s => s.By)).Concat(cadss.Select(c => c.By))
            .Distinct().Select(Name).ToList();
        var total = administrations.Sum(a => a.Mg!.Value);
        return new DosingSessionDto(session.Id, session.CourseId, patientId, name, session.Status, session.Route, session.Route.Describe(), session.InfusionMinutes,
            session.PlannedDoseMg, session.DoseArithmetic, session.WeightKg, session.WeightRecordedAtUtc, session.StartedAtUtc, head.StartedByName ?? Unknown,
            FastingRule.For(session.Route).Text, session.BaselineMoaas, session.PreDoseSystolic, session.PreDoseDiastolic, session.BpOverride?.Reason,
            session.HoursSinceLastDose, session.InfusionEndedAtUtc,
            administrations.Select(a => new AdministrationDto(a.Id, a.AtUtc, a.Route!.Value.Describe(), a.Mg!.Value, a.Ml!.Value, a.LotNumber ?? "", Name(a.By),
                a.IsBooster!.Value, a.CumulativeMg!.Value, a.CumulativeMgPerKg, a.Arithmetic ?? "", a.OverrideReason, a.LedgerEntryId!.Value)).ToList(),
            total, session.WeightKg is { } kg && kg > 0 && session.Basis == DoseBasis.MgPerKg ? Math.Round(total / kg, 3) : null,
            vitals.Select(v => new VitalsDto(v.Id, v.AtUtc, v.Systolic!.Value, v.Diastolic!.Value, v.HeartRate!.Value, v.SpO2!.Value, v.RespiratoryRate, v.Alert!.Value,
                v.IsPreDose!.Value, PreDoseRules.IsOverThreshold(v.Systolic.Value, v.Diastolic.Value, settings), Name(v.By))).ToList(),
            sedation.Select(s => new SedationDto(s.AtUtc, s.Score!.Value, s.Level!.Value, Name(s.By))).ToList(),
            cadss.Select(c => new CadssDto(c.AtUtc, c.Form!.Value, c.Total!.Value, Kap.Domain.Dosing.Cadss.MaxTotal(c.Form.Value), Kap.Domain.Dosing.Cadss.IsSignificant(c.Total.Value),
                Name(c.By))).ToList(),
            events.Select(e => new AdverseEventDto(e.Id, e.AtUtc, e.EventType!.Value, e.Severity!.Value, e.ActionTaken ?? "", e.Outcome ?? "", Name(e.By))).ToList(),
            notes.Select(n => new SessionNoteDto(n.AtUtc, n.Text ?? "", Name(n.By))).ToList(),
            slots, discharge, lots, keyPoints, monitoredBy,
            session.EndedAtUtc is { } ended ? (int)Math.Round((ended - session.StartedAtUtc).TotalMinutes) : null,
            session.EndedAtUtc, session.EndedBy is not null ? head.EndedByName ?? Unknown : null, session.EndNote, session.AlertAndOriented, session.ToleratingFluids,
            session.MinimalNausea, session.EscortPresent, session.IsOpen && op.User.Id == session.PrescriberId, now);
    }

    private static DischargeStatusDto DischargeStatus(DosingSession session, DosingSessionSettings settings, DateTime now, List<SessionEntryRow> administrations,
        List<SessionEntryRow> vitals, List<SessionEntryRow> sedation, List<SessionEntryRow> events)
    {
        var minimum = DischargeRules.MinimumMinutes(session.Route, settings);
        if (!session.IsOpen)
        {
            return new DischargeStatusDto(null, null, [], minimum);
        }

        // The bedside confirmations are the NP's to tick at discharge; here only what the records say.
        var (facts, problems) = DischargeEvaluation.Evaluate(session, [.. administrations.Select(a => a.AtUtc)],
            [.. vitals.Select(v => new VitalSigns(v.AtUtc, v.Systolic!.Value, v.Diastolic!.Value, v.HeartRate!.Value, v.SpO2!.Value, v.RespiratoryRate))],
            sedation.Select(s => new SedationReading(s.AtUtc, s.Score!.Value, s.Level!.Value)),
            events.Any(e => e.EventType == AdverseEventType.SedationOrLossOfConsciousness), true, true, true, true);
        if (facts is null)
        {
            return new DischargeStatusDto(null, null, problems, minimum);
        }

        problems.InsertRange(0, DischargeRules.Check(facts, now, settings).Problems);
        return new DischargeStatusDto(DischargeRules.ReadyAtUtc(facts, settings), DischargeRules.MinutesUntilReady(facts, now, settings), problems, minimum);
    }

    /// <summary>The lots of the route's substance that have not expired and still hold stock: one statement, the lots with their ledger entries joined.</summary>
    private async Task<IReadOnlyList<LotOptionDto>> LotsAsync(Route route, DateTime now, CancellationToken cancellationToken)
    {
        var db = context.Current.Db;
        var substance = DosingSessions.SubstanceFor(route);
        var today = DateOnly.FromDateTime(now);
        var lots = await db.StockLots.AsNoTracking().Where(l => l.Substance == substance && l.ExpiresOn >= today).OrderBy(l => l.ExpiresOn)
            .Select(l => new { l.Id, l.LotNumber, l.StrengthMgPerMl, l.ExpiresOn, Entries = db.LedgerEntries.Where(e => e.LotId == l.Id).ToList() })
            .ToListAsync(cancellationToken);
        var balances = LotBalance.Of(lots.SelectMany(l => l.Entries));
        return lots.Select(l => new LotOptionDto(l.Id, l.LotNumber, l.StrengthMgPerMl, balances.TryGetValue(l.Id, out var b) ? b.BalanceMg : 0, l.ExpiresOn))
            .Where(l => l.BalanceMg > 0).ToList();
    }
}

/// <summary>
/// One bedside entry of any kind — administration, vitals, sedation, CADSS, adverse event, note — as one row shape, so that a
/// session's entries of all kinds come back in one UNION ALL. Each kind fills its own columns and leaves the others null.
/// </summary>
public sealed class SessionEntryRow
{
    public int Kind { get; init; }
    public Guid Id { get; init; }
    public DateTime AtUtc { get; init; }
    public Guid By { get; init; }
    public string? ByName { get; init; }

    public Route? Route { get; init; }
    public decimal? Mg { get; init; }
    public decimal? Ml { get; init; }
    public string? LotNumber { get; init; }
    public bool? IsBooster { get; init; }
    public decimal? CumulativeMg { get; init; }
    public decimal? CumulativeMgPerKg { get; init; }
    public string? Arithmetic { get; init; }
    public string? OverrideReason { get; init; }
    public Guid? LedgerEntryId { get; init; }

    public int? Systolic { get; init; }
    public int? Diastolic { get; init; }
    public int? HeartRate { get; init; }
    public int? SpO2 { get; init; }
    public int? RespiratoryRate { get; init; }
    public VitalsAlert? Alert { get; init; }
    public bool? IsPreDose { get; init; }

    public int? Score { get; init; }
    public SedationLevel? Level { get; init; }

    public CadssForm? Form { get; init; }
    public int? Total { get; init; }

    public AdverseEventType? EventType { get; init; }
    public AdverseEventSeverity? Severity { get; init; }
    public string? ActionTaken { get; init; }
    public string? Outcome { get; init; }

    public string? Text { get; init; }
}

/// <summary>The UNION ALL of a session's entries (see <see cref="SessionEntryRow"/>), with who recorded each joined in by name.</summary>
public static class SessionEntries
{
    public const int Administration = 0;
    public const int Vitals = 1;
    public const int Sedation = 2;
    public const int Dissociation = 3;
    public const int AdverseEvent = 4;
    public const int Note = 5;

    public static IQueryable<SessionEntryRow> Of(Kap.Application.Common.Interfaces.IKapDbContext db, Guid sessionId)
    {
        var administrations = db.SessionAdministrations.AsNoTracking().Where(a => a.SessionId == sessionId).Select(a => new SessionEntryRow
        {
            Kind = Administration, Id = a.Id, AtUtc = a.AtUtc, By = a.GivenBy,
            ByName = db.Users.Where(u => u.Id == a.GivenBy).Select(u => u.DisplayName).FirstOrDefault(),
            Route = a.Route, Mg = a.Mg, Ml = a.Ml, LotNumber = db.StockLots.Where(l => l.Id == a.LotId).Select(l => l.LotNumber).FirstOrDefault(),
            IsBooster = a.IsBooster, CumulativeMg = a.CumulativeMg, CumulativeMgPerKg = a.CumulativeMgPerKg, Arithmetic = a.Arithmetic,
            OverrideReason = a.CeilingOverride!.Reason, LedgerEntryId = a.LedgerEntryId,
            Systolic = null, Diastolic = null, HeartRate = null, SpO2 = null, RespiratoryRate = null, Alert = null, IsPreDose = null,
            Score = null, Level = null, Form = null, Total = null,
            EventType = null, Severity = null, ActionTaken = null, Outcome = null, Text = null,
        });
        var vitals = db.SessionVitals.AsNoTracking().Where(v => v.SessionId == sessionId).Select(v => new SessionEntryRow
        {
            Kind = Vitals, Id = v.Id, AtUtc = v.AtUtc, By = v.RecordedBy,
            ByName = db.Users.Where(u => u.Id == v.RecordedBy).Select(u => u.DisplayName).FirstOrDefault(),
            Route = null, Mg = null, Ml = null, LotNumber = null, IsBooster = null, CumulativeMg = null, CumulativeMgPerKg = null, Arithmetic = null,
            OverrideReason = null, LedgerEntryId = null,
            Systolic = v.Systolic, Diastolic = v.Diastolic, HeartRate = v.HeartRate, SpO2 = v.SpO2, RespiratoryRate = v.RespiratoryRate, Alert = v.Alert,
            IsPreDose = v.IsPreDose,
            Score = null, Level = null, Form = null, Total = null,
            EventType = null, Severity = null, ActionTaken = null, Outcome = null, Text = null,
        });
        var sedation = db.SedationEntries.AsNoTracking().Where(s => s.SessionId == sessionId).Select(s => new SessionEntryRow
        {
            Kind = Sedation, Id = s.Id, AtUtc = s.AtUtc, By = s.RecordedBy,
            ByName = db.Users.Where(u => u.Id == s.RecordedBy).Select(u => u.DisplayName).FirstOrDefault(),
            Route = null, Mg = null, Ml = null, LotNumber = null, IsBooster = null, CumulativeMg = null, CumulativeMgPerKg = null, Arithmetic = null,
            OverrideReason = null, LedgerEntryId = null,
            Systolic = null, Diastolic = null, HeartRate = null, SpO2 = null, RespiratoryRate = null, Alert = null, IsPreDose = null,
            Score = s.Score, Level = s.Level, Form = null, Total = null,
            EventType = null, Severity = null, ActionTaken = null, Outcome = null, Text = null,
        });
        var cadss = db.DissociationEntries.AsNoTracking().Where(c => c.SessionId == sessionId).Select(c => new SessionEntryRow
        {
            Kind = Dissociation, Id = c.Id, AtUtc = c.AtUtc, By = c.RecordedBy,
            ByName = db.Users.Where(u => u.Id == c.RecordedBy).Select(u => u.DisplayName).FirstOrDefault(),
            Route = null, Mg = null, Ml = null, LotNumber = null, IsBooster = null, CumulativeMg = null, CumulativeMgPerKg = null, Arithmetic = null,
            OverrideReason = null, LedgerEntryId = null,
            Systolic = null, Diastolic = null, HeartRate = null, SpO2 = null, RespiratoryRate = null, Alert = null, IsPreDose = null,
            Score = null, Level = null, Form = c.Form, Total = c.Total,
            EventType = null, Severity = null, ActionTaken = null, Outcome = null, Text = null,
        });
        var events = db.AdverseEvents.AsNoTracking().Where(e => e.SessionId == sessionId).Select(e => new SessionEntryRow
        {
            Kind = AdverseEvent, Id = e.Id, AtUtc = e.OccurredAtUtc, By = e.RecordedBy,
            ByName = db.Users.Where(u => u.Id == e.RecordedBy).Select(u => u.DisplayName).FirstOrDefault(),
            Route = null, Mg = null, Ml = null, LotNumber = null, IsBooster = null, CumulativeMg = null, CumulativeMgPerKg = null, Arithmetic = null,
            OverrideReason = null, LedgerEntryId = null,
            Systolic = null, Diastolic = null, HeartRate = null, SpO2 = null, RespiratoryRate = null, Alert = null, IsPreDose = null,
            Score = null, Level = null, Form = null, Total = null,
            EventType = e.Type, Severity = e.Severity, ActionTaken = e.ActionTaken, Outcome = e.Outcome, Text = null,
        });
        var notes = db.SessionNotes.AsNoTracking().Where(n => n.SessionId == sessionId).Select(n => new SessionEntryRow
        {
            Kind = Note, Id = n.Id, AtUtc = n.AtUtc, By = n.ByUserId,
            ByName = db.Users.Where(u => u.Id == n.ByUserId).Select(u => u.DisplayName).FirstOrDefault(),
            Route = null, Mg = null, Ml = null, LotNumber = null, IsBooster = null, CumulativeMg = null, CumulativeMgPerKg = null, Arithmetic = null,
            OverrideReason = null, LedgerEntryId = null,
            Systolic = null, Diastolic = null, HeartRate = null, SpO2 = null, RespiratoryRate = null, Alert = null, IsPreDose = null,
            Score = null, Level = null, Form = null, Total = null,
            EventType = null, Severity = null, ActionTaken = null, Outcome = null, Text = n.Text,
        });
        return administrations.Concat(vitals).Concat(sedation).Concat(cadss).Concat(events).Concat(notes);
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
                s.Id, s.StartedAtUtc, s.Status, s.Route, s.EndedAtUtc, s.AppointmentId,
                Doses = db.SessionAdministrations.Where(a => a.SessionId == s.Id).Select(a => a.Mg).ToList(),
                Events = db.AdverseEvents.Count(e => e.SessionId == s.Id),
            })
            .ToListAsync(cancellationToken);
        // The course's live integration and dosing appointments in one statement; the sessions above say which doses were run.
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.CourseId == course.Id && (a.Kind == Kap.Domain.Scheduling.AppointmentKind.Integration || a.Kind == Kap.Domain.Scheduling.AppointmentKind.Dosing)
                && a.Status != Kap.Domain.Scheduling.AppointmentStatus.Cancelled)
            .OrderBy(a => a.StartUtc).Select(a => new { a.Id, a.Kind, a.StartUtc, a.Status }).ToListAsync(cancellationToken);
        var integrations = appointments.Where(a => a.Kind == Kap.Domain.Scheduling.AppointmentKind.Integration)
            .Select(a => new IntegrationAfterDoseDto(a.Id, a.StartUtc, a.Status)).ToList();
        var bookedDoses = appointments.Where(a => a.Kind == Kap.Domain.Scheduling.AppointmentKind.Dosing).Select(a => new { a.Id, a.StartUtc }).ToList();
        var linked = rows.Where(r => r.AppointmentId != null).Select(r => r.AppointmentId!.Value).ToList();
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
