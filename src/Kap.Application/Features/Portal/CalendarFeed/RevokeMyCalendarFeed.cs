using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Portal.CalendarFeed;

/// <summary>Turns off the signed-in patient's calendar feed: its address answers 404 from now on.</summary>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record RevokeMyCalendarFeedCommand : ICommand<Result>;

public sealed class RevokeMyCalendarFeedHandler(IOperationContext context, PortalPatient portal, TimeProvider clock)
    : ICommandHandler<RevokeMyCalendarFeedCommand, Result>
{
    public async ValueTask<Result> Handle(RevokeMyCalendarFeedCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        if (patient is null)
        {
            return Error.NotFound("Your patient record");
        }

        var active = await op.Db.CalendarFeeds.Where(f => f.PatientId == patient.Id && f.RevokedAtUtc == null)
            .OrderByDescending(f => f.CreatedAtUtc).ToListAsync(cancellationToken);
        op.Subject(nameof(Kap.Domain.Portal.CalendarFeed), active.FirstOrDefault()?.Id, patient.Id);
        if (active.Count == 0)
        {
            return new Error(ErrorKind.NotFound, "You have no calendar address to turn off.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var feed in active)
        {
            feed.Revoke(now);
        }

        await op.Db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
