using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Measures.GetDueMeasures;
using Kap.Domain.Courses;
using Kap.Domain.Measures;
using Kap.Domain.Preparation;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Reports.GetClinicOutcomes;

/// <summary>
/// The clinic outcomes report (issue 6): over completed courses — those completed from <see cref="From"/> to <see cref="To"/>
/// (whole days in the clinic's time zone; either may be left open) — each instrument's baseline → end outcomes by route, with
/// the same arithmetic as the course summary (<see cref="CourseOutcome"/>). Aggregates only: no patient, course id or date
/// reaches the result, so a therapist reads it clinic-wide; the read is still audited.
/// </summary>
[RequiresPolicy(KapPolicies.ViewsOutcomes)]
public sealed record GetClinicOutcomesQuery(DateOnly? From, DateOnly? To) : IQuery<Result<ClinicOutcomesDto>>, IReadsHealthInformation;

/// <summary>How the courses are grouped: the route of every dose given, "mixed" for more than one, "no dose" for none.</summary>
public enum RouteGroupKind
{
    Route = 0,
    Mixed = 1,
    NoDose = 2,
    All = 3,
}

/// <summary>One row of an instrument's table: a route group (or all courses) and its counts.</summary>
/// <param name="CompletedCourses">Completed courses in the group (the same for every instrument).</param>
/// <param name="WithPair">Courses with a computable baseline → end pair: the denominator of every rate and of the median.</param>
/// <param name="Responders">Of <paramref name="WithPair"/>, a drop of at least 50 %.</param>
/// <param name="Remitters">Of <paramref name="WithPair"/>, in remission at the end; null for instruments without a remission rule.</param>
/// <param name="MedianChange">The median of end − baseline over <paramref name="WithPair"/>; null when there is none.</param>
/// <param name="NotRecorded">No valid score of the instrument in the course.</param>
/// <param name="NoBaseline">Valid scores, none on or before the first dose.</param>
/// <param name="NoEnd">A baseline, but no valid score after the first dose up to completion.</param>
/// <param name="BaselineZero">A baseline of 0: nothing to drop from.</param>
/// <param name="NoDose">Completed without a dose.</param>
public sealed record OutcomeRowDto(
    RouteGroupKind Kind,
    Route? Route,
    string Group,
    int CompletedCourses,
    int WithPair,
    int Responders,
    int? Remitters,
    decimal? MedianChange,
    int NotRecorded,
    int NoBaseline,
    int NoEnd,
    int BaselineZero,
    int NoDose)
{
    public int WithoutPair => CompletedCourses - WithPair;
}

public sealed record InstrumentOutcomesDto(Instrument Instrument, string Name, bool HasRemissionRule, IReadOnlyList<OutcomeRowDto> ByRoute, OutcomeRowDto All);

/// <param name="CompletedCourses">Completed courses in the range: the population of every table.</param>
public sealed record ClinicOutcomesDto(DateOnly? From, DateOnly? To, int CompletedCourses, int MadrsRemissionThreshold, IReadOnlyList<InstrumentOutcomesDto> Instruments);

public sealed class GetClinicOutcomesValidator : AbstractValidator<GetClinicOutcomesQuery>
{
    public GetClinicOutcomesValidator()
    {
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("The end date must be on or after the start date.");
        RuleFor(q => q.From).InclusiveBetween(Ledger.SaneDates.Earliest, Ledger.SaneDates.Latest).When(q => q.From is not null).WithMessage(Ledger.SaneDates.Message);
        RuleFor(q => q.To).InclusiveBetween(Ledger.SaneDates.Earliest, Ledger.SaneDates.Latest).When(q => q.To is not null).WithMessage(Ledger.SaneDates.Message);
    }
}

public sealed class GetClinicOutcomesHandler(IOperationContext context, IOptions<ClinicOptions> clinic, IOptionsMonitor<MeasureScheduleOptions> measures)
    : IQueryHandler<GetClinicOutcomesQuery, Result<ClinicOutcomesDto>>
{
    public async ValueTask<Result<ClinicOutcomesDto>> Handle(GetClinicOutcomesQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        // Clinic-wide aggregates with no identities: no PatientAccess filter, but the read is audited like any other.
        op.Subject("ClinicOutcomes", null, null);

        var zone = clinic.Value.GetTimeZone();
        var completed = db.Courses.AsNoTracking().Where(c => c.Phase == CoursePhase.Completed);
        if (query.From is { } from)
        {
            var fromUtc = WallClock.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
            completed = completed.Where(c => c.PhaseChangedAtUtc >= fromUtc);
        }

        if (query.To is { } to)
        {
            var toUtc = WallClock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
            completed = completed.Where(c => c.PhaseChangedAtUtc < toUtc);
        }

        var courses = await completed.Select(c => new { c.Id, CompletedAtUtc = c.PhaseChangedAtUtc }).ToListAsync(cancellationToken);
        var ids = completed.Select(c => c.Id);
        var doses = await (
                from a in db.SessionAdministrations.AsNoTracking()
                join s in db.DosingSessions on a.SessionId equals s.Id
                where ids.Contains(s.CourseId)
                select new { s.CourseId, a.Route, a.AtUtc })
            .ToListAsync(cancellationToken);
        var scores = await db.MeasureRecords.AsNoTracking()
            .Where(m => ids.Contains(m.CourseId) && m.Instrument != Instrument.CssrsScreener)
            .Select(m => new { m.CourseId, Score = new ScoredMeasure(m.Instrument, m.TakenAtUtc, m.IsValid, m.Total) })
            .ToListAsync(cancellationToken);

        var dosesByCourse = doses.ToLookup(d => d.CourseId);
        var scoresByCourse = scores.ToLookup(s => s.CourseId, s => s.Score);
        var threshold = measures.CurrentValue.MadrsRemissionThreshold;
        var perCourse = courses.Select(c =>
        {
            var given = dosesByCourse[c.Id].ToList();
            var routes = given.Select(d => d.Route).Distinct().ToList();
            (RouteGroupKind Kind, Route? Route) group = routes.Count switch
            {
                0 => (RouteGroupKind.NoDose, null),
                1 => (RouteGroupKind.Route, routes[0]),
                _ => (RouteGroupKind.Mixed, null),
            };
            var firstDose = given.Count == 0 ? (DateTime?)null : given.Min(d => d.AtUtc);
            return new { Group = group, Outcomes = CourseOutcome.ForCourse(scoresByCourse[c.Id], firstDose, c.CompletedAtUtc, threshold) };
        }).ToList();

        var groups = perCourse.Select(c => c.Group).Distinct()
            .OrderBy(g => g.Kind).ThenBy(g => g.Route)
            .ToList();
        var instruments = CourseOutcome.Instruments.Select((instrument, index) =>
        {
            var rows = groups.Select(g => Row(g.Kind, g.Route, perCourse.Where(c => c.Group == g).Select(c => c.Outcomes[index]).ToList(), instrument)).ToList();
            var all = Row(RouteGroupKind.All, null, perCourse.Select(c => c.Outcomes[index]).ToList(), instrument);
            return new InstrumentOutcomesDto(instrument, instrument.Describe(), CourseOutcome.HasRemissionRule(instrument), rows, all);
        }).ToList();

        return new ClinicOutcomesDto(query.From, query.To, courses.Count, threshold, instruments);
    }

    private static OutcomeRowDto Row(RouteGroupKind kind, Route? route, IReadOnlyList<InstrumentOutcome> outcomes, Instrument instrument)
    {
        var pairs = outcomes.Where(o => o.IsComputable).ToList();
        int Gap(OutcomeGap gap) => outcomes.Count(o => o.Gap == gap);
        var label = kind switch
        {
            RouteGroupKind.Route => route!.Value.Describe(),
            RouteGroupKind.Mixed => "Mixed (more than one route)",
            RouteGroupKind.NoDose => "No dose given",
            _ => "All routes",
        };
        return new OutcomeRowDto(kind, route, label, outcomes.Count, pairs.Count,
            pairs.Count(o => o.Response.Status == OutcomeStatus.Met),
            CourseOutcome.HasRemissionRule(instrument) ? pairs.Count(o => o.Remission.Status == OutcomeStatus.Met) : null,
            OutcomeStatistics.Median(pairs.Select(o => o.Change!.Value)),
            Gap(OutcomeGap.NotRecorded), Gap(OutcomeGap.NoBaseline), Gap(OutcomeGap.NoEnd), Gap(OutcomeGap.BaselineZero), Gap(OutcomeGap.NoDose));
    }
}
