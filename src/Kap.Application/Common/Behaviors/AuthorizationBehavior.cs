using System.Reflection;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;

namespace Kap.Application.Common.Behaviors;

/// <summary>
/// Checks the policy the message declares with <see cref="RequiresPolicyAttribute"/> against the
/// signed-in user. A message that declares none is refused: authorization fails closed. Refusals are audited.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(
    ICurrentUser currentUser,
    IAuthorizationService authorization,
    AuditWriter audit,
    ILogger<AuthorizationBehavior<TMessage, TResponse>> logger) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string? Policy = typeof(TMessage).GetCustomAttribute<RequiresPolicyAttribute>()?.Policy;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var principal = await currentUser.GetPrincipalAsync();
        var allowed = Policy is not null && (await authorization.AuthorizeAsync(principal, null, Policy)).Succeeded;
        if (allowed)
        {
            return await next(message, cancellationToken);
        }

        if (Policy is null)
        {
            logger.LogError("{Message} declares no authorization policy and was refused", typeof(TMessage).Name);
        }

        var user = UserContext.From(principal);
        await audit.WriteAsync(user, AuditWriter.ActionName(typeof(TMessage)), null, null, null, success: false, "forbidden", cancellationToken);
        return FailureFactory<TResponse>.From(user.IsAuthenticated
            ? Error.Forbidden()
            : new Error(ErrorKind.Forbidden, "Please sign in first."));
    }
}
