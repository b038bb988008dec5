using FluentValidation;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Courses;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Courses.GetCaseload;

/// <summary>The signed-in clinician's courses (all courses for an admin), searchable by patient name, a page at a time.</summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetCaseloadQuery(string? Search = null, int Page = 1, int PageSize = 20, bool IncludeClosed = false)
    : IQuery<Result<CaseloadDto>>, IReadsHealthInformation;

public sealed record CaseloadRow(
    Guid CourseId,
    Guid PatientId,
    string PatientName,
    CoursePhase Phase,
    DateTime PhaseChangedAtUtc,
    string TherapistName,
    string PrescriberName,
    string NextStep);

public sealed record AwaitingCourseRow(Guid PatientId, string PatientName, DateTime RegisteredAtUtc);

public sealed record CaseloadDto(PagedList<CaseloadRow> Courses, IReadOnlyList<AwaitingCourseRow> AwaitingCourse);

public sealed class GetCaseloadValidator : AbstractValidator<GetCaseloadQuery>
{
    public GetCaseloadValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, 100);
        RuleFor(x => x.Search).MaximumLength(100);
    }
}

public sealed class GetCaseloadHandler(IOperationContext context, PatientAccess access) : IQueryHandler<GetCaseloadQuery, Result<CaseloadDto>>
{
    public async ValueTask<Result<CaseloadDto>> Handle(GetCaseloadQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var db = op.Db;
        op.Subject("Caseload", null, null);

        var pattern = string.IsNullOrWhiteSpace(query.Search) ? null : "%" + EscapeLike(query.Search.Trim()) + "%";
        var rows =
            from c in access.Courses(db, op.User)
            join p in db.Patients on c.PatientId equals p.Id
            where query.IncludeClosed || (c.Phase != CoursePhase.Completed && c.Phase != CoursePhase.Discontinued)
            where pattern == null || EF.Functions.Like(p.LegalName, pattern, "\\") || (p.PreferredName != null && EF.Functions.Like(p.PreferredName, pattern, "\\"))
            select new { c, p };

        var total = await rows.CountAsync(cancellationToken);
        var page = await rows
            .OrderBy(x => x.p.LegalName).ThenBy(x => x.c.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(x => new
            {
                CourseId = x.c.Id,
                PatientId = x.p.Id,
                x.p.LegalName,
                x.p.PreferredName,
                x.c.Phase,
                x.c.PhaseBeforeHold,
                x.c.PhaseChangedAtUtc,
                Therapist = db.Users.Where(u => u.Id == x.c.PrimaryTherapistId).Select(u => u.DisplayName).FirstOrDefault(),
                Prescriber = db.Users.Where(u => u.Id == x.c.PrescriberId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        var courses = page.Select(r => new CaseloadRow(r.CourseId, r.PatientId, Name(r.LegalName, r.PreferredName), r.Phase, r.PhaseChangedAtUtc,
            r.Therapist ?? "", r.Prescriber ?? "", Course.NextStep(r.Phase, r.PhaseBeforeHold))).ToList();

        // Patients this clinician registered who have no course yet: the next step is to open one.
        var awaiting = new List<AwaitingCourseRow>();
        if (op.User.IsTherapist || op.User.IsAdmin)
        {
            var me = op.User.Id;
            var isAdmin = op.User.IsAdmin;
            awaiting = (await db.Patients.AsNoTracking()
                .Where(p => (isAdmin || p.RegisteredBy == me) && !db.Courses.Any(c => c.PatientId == p.Id))
                .Where(p => pattern == null || EF.Functions.Like(p.LegalName, pattern, "\\") || (p.PreferredName != null && EF.Functions.Like(p.PreferredName, pattern, "\\")))
                .OrderByDescending(p => p.RegisteredAtUtc)
                .Take(10)
                .Select(p => new { p.Id, p.LegalName, p.PreferredName, p.RegisteredAtUtc })
                .ToListAsync(cancellationToken))
                .Select(p => new AwaitingCourseRow(p.Id, Name(p.LegalName, p.PreferredName), p.RegisteredAtUtc))
                .ToList();
        }

        return new CaseloadDto(new PagedList<CaseloadRow>(courses, query.Page, query.PageSize, total), awaiting);
    }

    private static string Name(string legal, string? preferred) => preferred is null ? legal : $"{legal} ({preferred})";

    private static string EscapeLike(string s) => s.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
