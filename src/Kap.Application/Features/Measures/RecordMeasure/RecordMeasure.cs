using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Measures.Common;
using Kap.Domain.Courses;
using Kap.Domain.Measures;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Measures.RecordMeasure;

/// <summary>
/// Records a questionnaire entered by staff, scored by the domain rules (domain.md §6). A PHQ-9 with
/// item 9 above 0 or a high-risk C-SSRS alerts the course's therapist at once — in the inbox and by email —
/// and blocks dosing until a clinician records a risk assessment.
/// </summary>
[RequiresPolicy(KapPolicies.Clinician)]
public sealed record RecordMeasureCommand(Guid CourseId, Instrument Instrument, IReadOnlyList<int?> Responses) : ICommand<Result<MeasureSummaryDto>>;

/// <summary>The course's measures, newest first.</summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetMeasuresQuery(Guid CourseId) : IQuery<Result<IReadOnlyList<MeasureSummaryDto>>>, IReadsHealthInformation;

/// <param name="Summary">The answers in one line, for forms without a total (the next-day check-in).</param>
public sealed record MeasureSummaryDto(Guid Id, Instrument Instrument, DateTime TakenAtUtc, bool IsValid, int? Total, string? BandText, bool RequiresRiskAssessment,
    string? RiskText, string RecordedBy, string? Summary = null);

public sealed class RecordMeasureHandler(IOperationContext context, PatientAccess access, TimeProvider clock, IEmailSender email)
    : ICommandHandler<RecordMeasureCommand, Result<MeasureSummaryDto>>
{
    public async ValueTask<Result<MeasureSummaryDto>> Handle(RecordMeasureCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, command.CourseId, nameof(MeasureRecord), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        if (!Enum.IsDefined(command.Instrument))
        {
            return Error.Field(nameof(command.Instrument), "Choose a questionnaire from the list.");
        }

        // Untrusted input: check shape and ranges here, so scoring never sees an impossible answer.
        var check = MeasureScoring.CheckResponses(command.Instrument, command.Responses);
        if (!check.IsSuccess)
        {
            return new Error(ErrorKind.Validation, check.Problems[0], new Dictionary<string, string[]> { [nameof(command.Responses)] = [.. check.Problems] });
        }

        var result = MeasureScoring.Score(command.Instrument, command.Responses);
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new MeasureRecord(course.Id, course.PatientId, result, command.Responses, op.User.RequiredId, now);
        db.MeasureRecords.Add(record);

        if (result.RequiresRiskAssessment)
        {
            await MeasureAlerts.RiskAlertAsync(op, course, result, now, email, byPatient: false, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        op.Subject(nameof(MeasureRecord), record.Id, course.PatientId);
        return new MeasureSummaryDto(record.Id, record.Instrument, now, result.IsValid, result.Total, result.BandText, result.RequiresRiskAssessment,
            RiskText(result), op.User.UserName ?? "", SummaryOf(record.Instrument, command.Responses));
    }

    /// <summary>Why a result is a risk alert, in the clinician's words (see <see cref="MeasureAlerts.RiskText"/>).</summary>
    public static string? RiskText(MeasureResult result) => MeasureAlerts.RiskText(result);

    /// <summary>The next-day check-in's answers in one line (it has no total to show); null for other instruments.</summary>
    public static string? SummaryOf(Instrument instrument, IReadOnlyList<int?> responses) =>
        instrument == Instrument.NextDayCheckIn ? NextDayCheckInRules.Summarize(responses) : null;
}

public sealed class GetMeasuresHandler(IOperationContext context, PatientAccess access) : IQueryHandler<GetMeasuresQuery, Result<IReadOnlyList<MeasureSummaryDto>>>
{
    public async ValueTask<Result<IReadOnlyList<MeasureSummaryDto>>> Handle(GetMeasuresQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, query.CourseId, nameof(MeasureRecord), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var rows = await db.MeasureRecords.AsNoTracking().Where(m => m.CourseId == course.Id).OrderByDescending(m => m.TakenAtUtc)
            .Select(m => new { m.Id, m.Instrument, m.TakenAtUtc, m.IsValid, m.Total, m.Band, m.RequiresRiskAssessment, m.SuicideRiskAlert, m.CssrsRisk,
                Responses = m.Instrument == Instrument.NextDayCheckIn ? m.Responses : null,
                By = db.Users.Where(u => u.Id == m.RecordedBy).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return rows.Select(m => new MeasureSummaryDto(m.Id, m.Instrument, m.TakenAtUtc, m.IsValid, m.Total, m.Band?.Describe(), m.RequiresRiskAssessment,
            m.CssrsRisk is { } risk ? risk.Describe()
                : m.SuicideRiskAlert ? (m.Instrument == Instrument.NextDayCheckIn ? "Thoughts of self-harm" : "Item 9 above 0")
                : null,
            m.By ?? "", m.Responses is { } r ? RecordMeasureHandler.SummaryOf(m.Instrument, Decode(r)) : null)).ToList();
    }

    private static int?[] Decode(string responses) =>
        [.. responses.Split(',').Select(v => v.Length == 0 ? (int?)null : int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
}

/// <summary>Gate item 3 and the risk block (domain.md §2), read from the course's measures and risk assessments.</summary>
public static class BaselineMeasures
{
    public static async Task<(bool Recorded, bool RiskAssessmentPending)> EvaluateAsync(IKapDbContext db, Course course, CancellationToken cancellationToken)
    {
        var valid = await db.MeasureRecords.Where(m => m.CourseId == course.Id && m.IsValid).Select(m => m.Instrument).Distinct().ToListAsync(cancellationToken);
        var traumaFocus = (course.Indications & (Indication.Ptsd | Indication.Trauma)) != 0;
        var recorded = valid.Contains(Instrument.Phq9) && valid.Contains(Instrument.Gad7) && valid.Contains(Instrument.CssrsScreener)
            && (!traumaFocus || valid.Contains(Instrument.Pcl5));

        var lastAlert = await Kap.Application.Features.Measures.GetRiskAlerts.RiskAlerts.LastAlertAsync(db, course.Id, cancellationToken);
        var lastSafe = await db.RiskAssessments.Where(r => r.CourseId == course.Id && r.Outcome == Kap.Domain.Screening.RiskAssessmentOutcome.SafeToContinue)
            .MaxAsync(r => (DateTime?)r.AssessedAtUtc, cancellationToken);
        var pending = lastAlert is { } alert && (lastSafe is null || lastSafe < alert);
        return (recorded, pending);
    }
}
