using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Feed = Kap.Domain.Portal.CalendarFeed;

namespace Kap.Application.Features.Portal.CalendarFeed;

/// <summary>
/// Makes the signed-in patient a new calendar feed and returns its token, once: only the hash is stored. Any feed the
/// patient already has is revoked in the same transaction, so "regenerate" is this command too and the old address
/// stops working the moment the new one exists.
/// </summary>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record CreateMyCalendarFeedCommand : ICommand<Result<NewCalendarFeedDto>>;

/// <param name="Token">The secret part of the feed's address. Shown to the patient now and never again.</param>
public sealed record NewCalendarFeedDto(string Token, DateTime CreatedAtUtc, DateTime CreatedAtLocal)
{
    // The token is a credential: keep it out of anything that prints the record.
    public override string ToString() => $"{nameof(NewCalendarFeedDto)} {{ CreatedAtUtc = {CreatedAtUtc:O} }}";
}

public sealed class CreateMyCalendarFeedHandler(IOperationContext context, PortalPatient portal, TimeProvider clock)
    : ICommandHandler<CreateMyCalendarFeedCommand, Result<NewCalendarFeedDto>>
{
    public async ValueTask<Result<NewCalendarFeedDto>> Handle(CreateMyCalendarFeedCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        if (patient is null)
        {
            return Error.NotFound("Your patient record");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // All of them, not just one: two simultaneous requests may have left two active feeds behind.
        var active = await op.Db.CalendarFeeds.Where(f => f.PatientId == patient.Id && f.RevokedAtUtc == null).ToListAsync(cancellationToken);
        foreach (var old in active)
        {
            old.Revoke(now);
        }

        var (feed, token) = Feed.Create(patient.Id, now);
        op.Db.CalendarFeeds.Add(feed);
        op.Subject(nameof(Kap.Domain.Portal.CalendarFeed), feed.Id, patient.Id);
        if (active.Count > 0)
        {
            op.Note("replaced");
        }

        await op.Db.SaveChangesAsync(cancellationToken);
        return new NewCalendarFeedDto(token, now, TimeZoneInfo.ConvertTimeFromUtc(now, PortalPatient.Zone(patient)));
    }
}
