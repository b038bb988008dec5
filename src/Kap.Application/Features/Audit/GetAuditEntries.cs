using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Auditing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Audit;

/// <summary>
/// The audit trail for an admin, newest first, filtered and paged (at most <see cref="MaxPageSize"/> rows a page).
/// Entries name patients, so reading the trail is itself audited.
/// </summary>
[RequiresPolicy(KapPolicies.Admin)]
public sealed record GetAuditEntriesQuery(AuditFilter Filter, int Page = 1, int PageSize = GetAuditEntriesQuery.DefaultPageSize)
    : IQuery<Result<PagedList<AuditEntryDto>>>, IReadsHealthInformation
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
}

public sealed class GetAuditEntriesValidator : AbstractValidator<GetAuditEntriesQuery>
{
    public GetAuditEntriesValidator()
    {
        RuleFor(q => q.Filter).NotNull().SetValidator(new AuditFilterValidator());
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1);
        RuleFor(q => q.PageSize).InclusiveBetween(1, GetAuditEntriesQuery.MaxPageSize)
            .WithMessage($"At most {GetAuditEntriesQuery.MaxPageSize} entries are shown at a time; use the export for more.");
    }
}

public sealed class GetAuditEntriesHandler(IOperationContext context, IOptions<ClinicOptions> clinic)
    : IQueryHandler<GetAuditEntriesQuery, Result<PagedList<AuditEntryDto>>>
{
    public async ValueTask<Result<PagedList<AuditEntryDto>>> Handle(GetAuditEntriesQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        op.Subject(nameof(AuditEntry), null, query.Filter.PatientId);
        var rows = AuditRows.Query(op.Db, query.Filter, clinic.Value.GetTimeZone());
        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(cancellationToken);
        return new PagedList<AuditEntryDto>(await AuditRows.WithPatientNamesAsync(op.Db, page, cancellationToken), query.Page, query.PageSize, total);
    }
}
