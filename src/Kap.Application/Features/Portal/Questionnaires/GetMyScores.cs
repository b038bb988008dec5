using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Measures.GetDueMeasures;
using Kap.Application.Features.Measures.GetMeasureTrends;
using Kap.Domain.Measures;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Portal.Questionnaires;

/// <summary>
/// The signed-in patient's own PHQ-9 and GAD-7 over their current course (<see cref="MeasureTrends"/>, as the course page
/// draws them). Refused with a plain message when the clinic turns off <c>Portal:ShowScoresToPatients</c>.
/// </summary>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record GetMyScoresQuery : IQuery<Result<MyScoresDto>>, IReadsHealthInformation;

public sealed record MyScoresDto(int DosesGiven, IReadOnlyList<InstrumentTrend> Trends);

public sealed class GetMyScoresHandler(IOperationContext context, PortalPatient portal, IOptionsMonitor<PortalOptions> portalOptions, IOptionsMonitor<MeasureScheduleOptions> measures)
    : IQueryHandler<GetMyScoresQuery, Result<MyScoresDto>>
{
    public const string ScoresHidden = "Your clinic does not show questionnaire scores in the portal. Your care team will go through your answers with you.";

    /// <summary>The instruments patients see: mood and anxiety. Other scores are discussed with the care team.</summary>
    public static readonly Instrument[] Shown = [Instrument.Phq9, Instrument.Gad7];

    public async ValueTask<Result<MyScoresDto>> Handle(GetMyScoresQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        op.Subject(nameof(MeasureRecord), null, patient?.Id);
        if (patient is null)
        {
            return Error.NotFound("Your patient record");
        }

        if (!portalOptions.CurrentValue.ShowScoresToPatients)
        {
            return Error.Rule(ScoresHidden);
        }

        var course = await PortalPatient.CurrentCourseAsync(op, patient.Id, cancellationToken);
        if (course is null)
        {
            return new MyScoresDto(0, []);
        }

        var forms = await db.MeasureRecords.AsNoTracking().Where(m => m.CourseId == course.Id && m.PatientId == patient.Id && Shown.Contains(m.Instrument))
            .Select(m => new { m.Instrument, m.TakenAtUtc, m.IsValid, m.Total, m.Band }).ToListAsync(cancellationToken);
        var doses = await GetMeasureTrendsHandler.DoseTimesAsync(db, course.Id, cancellationToken);
        var settings = new MeasureSettings(MadrsRemissionThreshold: measures.CurrentValue.MadrsRemissionThreshold);
        var trends = Shown
            .Where(i => forms.Any(f => f.Instrument == i))
            .Select(i => MeasureTrends.Build(i, forms.Where(f => f.Instrument == i).Select(f => new TakenMeasure(f.TakenAtUtc, f.IsValid, f.Total, f.Band)), doses, settings))
            .ToList();
        return new MyScoresDto(doses.Count, trends);
    }
}
