using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Features.Measures.GetDueMeasures;
using Microsoft.Extensions.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Dosing;
using Kap.Domain.Measures;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Measures.GetMeasureTrends;

/// <summary>
/// Each outcome instrument's scores over the course, against date and dose number, with the band edges, the
/// baseline and the points where response and remission were reached (domain.md §6) — what the course page's
/// charts and their tables show.
/// </summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetMeasureTrendsQuery(Guid CourseId) : IQuery<Result<MeasureTrendsDto>>, IReadsHealthInformation;

/// <param name="DosesGiven">Doses given so far, for the dose axis.</param>
public sealed record MeasureTrendsDto(Guid CourseId, int DosesGiven, IReadOnlyList<InstrumentTrend> Trends);

public sealed class GetMeasureTrendsHandler(IOperationContext context, PatientAccess access, IOptionsMonitor<MeasureScheduleOptions> measures) : IQueryHandler<GetMeasureTrendsQuery, Result<MeasureTrendsDto>>
{
    /// <summary>Outcome instruments in the order the page shows them; the C-SSRS screener has no total to chart.</summary>
    private static readonly Instrument[] Charted = [Instrument.Phq9, Instrument.Gad7, Instrument.Madrs, Instrument.Pcl5];

    public async ValueTask<Result<MeasureTrendsDto>> Handle(GetMeasureTrendsQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var course = await access.VisibleCourseAsync(op, query.CourseId, nameof(MeasureRecord), cancellationToken);
        if (course is null)
        {
            return Error.NotFound("The course");
        }

        var forms = await db.MeasureRecords.AsNoTracking().Where(m => m.CourseId == course.Id && m.Instrument != Instrument.CssrsScreener)
            .Select(m => new { m.Instrument, m.TakenAtUtc, m.IsValid, m.Total, m.Band }).ToListAsync(cancellationToken);
        var doses = await DoseTimesAsync(db, course.Id, cancellationToken);
        var settings = new MeasureSettings(MadrsRemissionThreshold: measures.CurrentValue.MadrsRemissionThreshold);

        var trends = Charted
            .Where(i => forms.Any(f => f.Instrument == i))
            .Select(i => MeasureTrends.Build(i, forms.Where(f => f.Instrument == i).Select(f => new TakenMeasure(f.TakenAtUtc, f.IsValid, f.Total, f.Band)), doses, settings))
            .ToList();
        return new MeasureTrendsDto(course.Id, doses.Count, trends);
    }

    /// <summary>When each discharged dose of the course was given: counted from its first administration, as the course summary and the clinic report count it.</summary>
    public static Task<List<DateTime>> DoseTimesAsync(IKapDbContext db, Guid courseId, CancellationToken cancellationToken) =>
        db.DosingSessions.AsNoTracking().Where(s => s.CourseId == courseId && s.Status == DosingSessionStatus.Discharged)
            .Select(s => db.SessionAdministrations.Where(a => a.SessionId == s.Id).Min(a => (DateTime?)a.AtUtc) ?? s.StartedAtUtc)
            .ToListAsync(cancellationToken);
}
