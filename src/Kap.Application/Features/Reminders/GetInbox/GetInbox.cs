using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Reminders.GetInbox;

/// <summary>The signed-in user's own in-app messages, newest first.</summary>
[RequiresPolicy(KapPolicies.Authenticated)]
public sealed record GetInboxQuery(int Take = 50) : IQuery<Result<InboxDto>>;

public sealed record InboxMessageDto(Guid Id, string Subject, string Body, DateTime CreatedAtUtc, bool IsRead);

public sealed record InboxDto(IReadOnlyList<InboxMessageDto> Messages, int UnreadCount);

/// <summary>Marks one of the user's own messages read.</summary>
[RequiresPolicy(KapPolicies.Authenticated)]
public sealed record MarkInboxMessageReadCommand(Guid MessageId) : ICommand<Result>;

public sealed class GetInboxHandler(IOperationContext context) : IQueryHandler<GetInboxQuery, Result<InboxDto>>
{
    public async ValueTask<Result<InboxDto>> Handle(GetInboxQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var me = op.User.RequiredId;
        var mine = op.Db.InboxMessages.AsNoTracking().Where(m => m.UserId == me);
        var messages = await mine.OrderByDescending(m => m.CreatedAtUtc).Take(Math.Clamp(query.Take, 1, 200))
            .Select(m => new InboxMessageDto(m.Id, m.Subject, m.Body, m.CreatedAtUtc, m.ReadAtUtc != null))
            .ToListAsync(cancellationToken);
        var unread = await mine.CountAsync(m => m.ReadAtUtc == null, cancellationToken);
        return new InboxDto(messages, unread);
    }
}

public sealed class MarkInboxMessageReadHandler(IOperationContext context, TimeProvider clock) : ICommandHandler<MarkInboxMessageReadCommand, Result>
{
    public async ValueTask<Result> Handle(MarkInboxMessageReadCommand command, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var me = op.User.RequiredId;
        var message = await op.Db.InboxMessages.SingleOrDefaultAsync(m => m.Id == command.MessageId && m.UserId == me, cancellationToken);
        op.Subject("InboxMessage", command.MessageId, null);
        if (message is null)
        {
            return Error.NotFound("The message");
        }

        message.MarkRead(clock.GetUtcNow().UtcDateTime);
        await op.Db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}
