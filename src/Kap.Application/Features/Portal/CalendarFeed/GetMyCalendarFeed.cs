using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Portal.CalendarFeed;

/// <summary>Whether the signed-in patient has an active calendar feed, and since when. Never the token: only its hash is stored.</summary>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record GetMyCalendarFeedQuery : IQuery<Result<MyCalendarFeedDto>>;

/// <param name="ActiveSinceUtc">When the active feed was made; null when the patient has none.</param>
/// <param name="ActiveSinceLocal">The same instant in the patient's own time zone.</param>
public sealed record MyCalendarFeedDto(DateTime? ActiveSinceUtc, DateTime? ActiveSinceLocal)
{
    public static MyCalendarFeedDto None { get; } = new(null, null);

    public bool IsActive => ActiveSinceUtc is not null;
}

public sealed class GetMyCalendarFeedHandler(IOperationContext context, PortalPatient portal) : IQueryHandler<GetMyCalendarFeedQuery, Result<MyCalendarFeedDto>>
{
    public async ValueTask<Result<MyCalendarFeedDto>> Handle(GetMyCalendarFeedQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        if (patient is null)
        {
            return Error.NotFound("Your patient record");
        }

        var created = await op.Db.CalendarFeeds.AsNoTracking()
            .Where(f => f.PatientId == patient.Id && f.RevokedAtUtc == null)
            .OrderByDescending(f => f.CreatedAtUtc)
            .Select(f => (DateTime?)f.CreatedAtUtc)
            .FirstOrDefaultAsync(cancellationToken);
        return created is { } utc
            ? new MyCalendarFeedDto(utc, TimeZoneInfo.ConvertTimeFromUtc(utc, PortalPatient.Zone(patient)))
            : MyCalendarFeedDto.None;
    }
}
