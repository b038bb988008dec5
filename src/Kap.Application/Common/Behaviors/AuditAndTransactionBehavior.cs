using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Kap.Application.Common.Behaviors;

/// <summary>
/// Opens the message's operation: a new DbContext and, for a command, one transaction that commits
/// only when the handler succeeds — together with the audit entry, so a change never lands unaudited.
/// A refused or failed command rolls back everything and is audited on its own. Queries that read
/// health information are audited too, and every refused query (e.g. "not found" for another clinician's patient).
/// </summary>
public sealed class AuditAndTransactionBehavior<TMessage, TResponse>(
    IKapDbContextFactory factory,
    ICurrentUser currentUser,
    AuditWriter audit,
    ILogger<AuditAndTransactionBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly bool IsCommand = typeof(IBaseCommand).IsAssignableFrom(typeof(TMessage));
    private static readonly bool IsAuditedRead = typeof(IReadsHealthInformation).IsAssignableFrom(typeof(TMessage));
    private static readonly string Action = AuditWriter.ActionName(typeof(TMessage));

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var user = UserContext.From(await currentUser.GetPrincipalAsync());
        await using var db = await factory.CreateAsync(cancellationToken);
        var operation = new Operation(db, user);
        using var scope = OperationContext.Open(operation);

        if (!IsCommand)
        {
            var queryResponse = await next(message, cancellationToken);
            // A refused query is audited even when it reads no health information: "not found" for a record outside
            // the user's care is how an attempt to reach it shows, and the trail must show every attempt (issue 8).
            if (IsAuditedRead || queryResponse is IResult { IsSuccess: false })
            {
                await WriteOutcomeAsync(operation, queryResponse, cancellationToken);
            }

            return queryResponse;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        TResponse response;
        try
        {
            response = await next(message, cancellationToken);
            if (response is IResult { IsSuccess: true })
            {
                // Appended last, so that the chain's lock is held only from here to the commit.
                await AuditChainAppender.AppendAsync(db, audit.Create(user, Action, operation.EntityType, operation.EntityId, operation.PatientId, success: true,
                    operation.AuditNote is { } note ? "ok; " + note : "ok"), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
                await WriteOutcomeAsync(operation, response, cancellationToken);
                return response;
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            var conflict = FailureFactory<TResponse>.From(Error.Conflict());
            await WriteOutcomeAsync(operation, conflict, CancellationToken.None);
            return conflict;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            await audit.WriteAsync(user, Action, operation.EntityType, operation.EntityId, operation.PatientId, success: false, "error", CancellationToken.None);
            throw;
        }

        foreach (var action in operation.AfterCommitActions)
        {
            try
            {
                await action(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change is committed; a failed follow-up (e.g. an email) must not report the change as failed.
                // Only the exception type is logged: an SMTP error message can quote a patient's address.
                logger.LogError("A follow-up of {Message} failed after commit: {ExceptionType}", typeof(TMessage).Name, ex.GetType().Name);
            }
        }

        return response;
    }

    private Task WriteOutcomeAsync(Operation operation, TResponse response, CancellationToken cancellationToken)
    {
        var error = (response as IResult)?.Error;
        return audit.WriteAsync(operation.User, Action, operation.EntityType, operation.EntityId, operation.PatientId,
            success: error is null, error?.AuditOutcome ?? "ok", cancellationToken);
    }
}
