using System.Diagnostics;
using Kap.Application.Common.Results;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Kap.Application.Common.Behaviors;

/// <summary>
/// Turns a bug into a failed result the screen can show ("nothing was saved"), instead of a broken
/// circuit. The exception is logged with its type and stack, not the message's contents.
/// </summary>
public sealed class UnhandledExceptionBehavior<TMessage, TResponse>(ILogger<UnhandledExceptionBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && FailureFactory<TResponse>.CanCreate)
        {
            var reference = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N")[..12];
            logger.LogError(ex, "Unhandled {ExceptionType} in {Message} (reference {Reference})", ex.GetType().Name, typeof(TMessage).Name, reference);
            return FailureFactory<TResponse>.From(new Error(ErrorKind.Unexpected,
                $"Something went wrong and nothing was saved. Please try again; if it keeps happening, give your administrator this reference: {reference}."));
        }
    }
}
