using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Staff.GetClinicians;

/// <summary>Active staff in a clinical role, for choosing a course's therapist and prescriber.</summary>
[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetCliniciansQuery(string Role) : IQuery<Result<IReadOnlyList<ClinicianDto>>>;

public sealed record ClinicianDto(Guid Id, string DisplayName);

public sealed class GetCliniciansHandler(IOperationContext context) : IQueryHandler<GetCliniciansQuery, Result<IReadOnlyList<ClinicianDto>>>
{
    public async ValueTask<Result<IReadOnlyList<ClinicianDto>>> Handle(GetCliniciansQuery query, CancellationToken cancellationToken)
    {
        if (query.Role is not (KapRoles.Therapist or KapRoles.NursePractitioner))
        {
            return Error.Field(nameof(query.Role), "Choose Therapist or NursePractitioner.");
        }

        var db = context.Current.Db;
        var list = await (
                from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                join u in db.Users on ur.UserId equals u.Id
                where r.Name == query.Role && u.IsActive
                orderby u.DisplayName
                select new ClinicianDto(u.Id, u.DisplayName))
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return list;
    }
}
