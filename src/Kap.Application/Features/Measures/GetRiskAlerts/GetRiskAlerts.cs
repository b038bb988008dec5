using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
using Kap.Domain.Integration;
using Kap.Domain.Measures;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Measures.GetRiskAlerts;

/// <summary>
/// The risk alerts on the signed-in clinician's dashboard (domain.md §6, §2): every course of theirs where a
/// PHQ-9 item 9 above 0, self-harm thoughts on the next-day check-in, a high-risk C-SSRS (entered by staff or by the
/// patient in the portal) or a concern raised in integration has no risk assessment recorded
/// since. An alert stays until a clinician records an assessment — of either outcome — after it.
/// </summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record GetRiskAlertsQuery : IQuery<Result<IReadOnlyList<RiskAlertDto>>>, IReadsHealthInformation;

public sealed record RiskAlertDto(Guid CourseId, Guid PatientId, string PatientName, CoursePhase Phase, DateTime AlertAtUtc, string What, int OpenAlerts);

/// <summary>The alerts a risk assessment answers: questionnaires that require one, and concerns raised in integration.</summary>
public static class RiskAlerts
{
    /// <summary>The time of the course's latest risk alert, or null when it has none.</summary>
    public static async Task<DateTime?> LastAlertAsync(IKapDbContext db, Guid courseId, CancellationToken cancellationToken)
    {
        var measure = await db.MeasureRecords.Where(m => m.CourseId == courseId && m.RequiresRiskAssessment).MaxAsync(m => (DateTime?)m.TakenAtUtc, cancellationToken);
        var concern = await db.IntegrationNotes.Where(n => n.CourseId == courseId && n.RiskCheck == IntegrationRiskCheck.ConcernRaised)
            .MaxAsync(n => (DateTime?)n.HeldAtUtc, cancellationToken);
        return measure is null ? concern : concern is null ? measure : measure > concern ? measure : concern;
    }
}

public sealed class GetRiskAlertsHandler(IOperationContext context, PatientAccess access) : IQueryHandler<GetRiskAlertsQuery, Result<IReadOnlyList<RiskAlertDto>>>
{
    /// <summary>A dashboard shows the most recent alerts; more than this many open at once is a clinic-wide emergency, not a list.</summary>
    public const int MaxRows = 50;

    public async ValueTask<Result<IReadOnlyList<RiskAlertDto>>> Handle(GetRiskAlertsQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject("RiskAlerts", null, null);

        var candidates = await access.Courses(db, op.User)
            .Where(c => c.Phase != CoursePhase.Discontinued)
            .Select(c => new
            {
                c.Id,
                c.PatientId,
                c.Phase,
                LastMeasure = db.MeasureRecords.Where(m => m.CourseId == c.Id && m.RequiresRiskAssessment).Max(m => (DateTime?)m.TakenAtUtc),
                LastConcern = db.IntegrationNotes.Where(n => n.CourseId == c.Id && n.RiskCheck == IntegrationRiskCheck.ConcernRaised).Max(n => (DateTime?)n.HeldAtUtc),
                LastAssessment = db.RiskAssessments.Where(r => r.CourseId == c.Id).Max(r => (DateTime?)r.AssessedAtUtc),
            })
            .Where(x => x.LastMeasure != null || x.LastConcern != null)
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var open = candidates
            .Select(x => new { x.Id, x.PatientId, x.Phase, x.LastAssessment, Alert = Max(x.LastMeasure, x.LastConcern)!.Value })
            .Where(x => x.LastAssessment is null || x.LastAssessment < x.Alert)
            .OrderByDescending(x => x.Alert)
            .Take(MaxRows)
            .ToList();
        if (open.Count == 0)
        {
            return Array.Empty<RiskAlertDto>();
        }

        var courseIds = open.Select(o => o.Id).ToArray();
        var patientIds = open.Select(o => o.PatientId).Distinct().ToArray();
        var names = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.PreferredName == null ? p.LegalName : p.LegalName + " (" + p.PreferredName + ")", cancellationToken);
        var measures = await db.MeasureRecords.AsNoTracking().Where(m => courseIds.Contains(m.CourseId) && m.RequiresRiskAssessment)
            .Select(m => new { m.CourseId, m.TakenAtUtc, m.Instrument, m.SuicideRiskAlert, m.CssrsRisk }).ToListAsync(cancellationToken);
        var concerns = await db.IntegrationNotes.AsNoTracking().Where(n => courseIds.Contains(n.CourseId) && n.RiskCheck == IntegrationRiskCheck.ConcernRaised)
            .Select(n => new { n.CourseId, n.HeldAtUtc }).ToListAsync(cancellationToken);

        var rows = new List<RiskAlertDto>(open.Count);
        foreach (var o in open)
        {
            var since = o.LastAssessment ?? DateTime.MinValue;
            var openMeasures = measures.Where(m => m.CourseId == o.Id && m.TakenAtUtc > since).ToList();
            var openConcerns = concerns.Where(n => n.CourseId == o.Id && n.HeldAtUtc > since).ToList();
            var latestMeasure = openMeasures.MaxBy(m => m.TakenAtUtc);
            var latestConcern = openConcerns.MaxBy(n => n.HeldAtUtc);
            var what = latestConcern is not null && (latestMeasure is null || latestConcern.HeldAtUtc >= latestMeasure.TakenAtUtc)
                ? "A concern raised in an integration session"
                : latestMeasure!.CssrsRisk == CssrsRisk.High
                    ? "High risk on the C-SSRS screener"
                    : latestMeasure.SuicideRiskAlert && latestMeasure.Instrument == Instrument.Phq9
                        ? "PHQ-9 item 9 answered above 0"
                        : latestMeasure.SuicideRiskAlert && latestMeasure.Instrument == Instrument.NextDayCheckIn
                            ? "Thoughts of self-harm on the next-day check-in"
                            : $"A risk alert on the {latestMeasure.Instrument.Describe()}";
            rows.Add(new RiskAlertDto(o.Id, o.PatientId, names.GetValueOrDefault(o.PatientId, ""), o.Phase, o.Alert, what, openMeasures.Count + openConcerns.Count));
        }

        return rows;
    }

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
