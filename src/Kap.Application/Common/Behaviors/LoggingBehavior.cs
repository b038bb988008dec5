using System.Diagnostics;
using Kap.Application.Common.Results;
using Mediator;
using Microsoft.Extensions.Logging;

namespace Kap.Application.Common.Behaviors;

/// <summary>Logs the message name, outcome and duration — never the message's contents, which may hold health information.</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (response is IResult { IsSuccess: false, Error: { } error })
        {
            logger.LogInformation("{Message} refused ({Outcome}) in {ElapsedMs:0.0} ms", typeof(TMessage).Name, error.AuditOutcome, elapsed.TotalMilliseconds);
        }
        else
        {
            logger.LogDebug("{Message} handled in {ElapsedMs:0.0} ms", typeof(TMessage).Name, elapsed.TotalMilliseconds);
        }

        return response;
    }
}
