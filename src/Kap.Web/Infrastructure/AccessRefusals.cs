using System.Security.Claims;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components.Endpoints;

namespace Kap.Web.Infrastructure;

/// <summary>
/// Audits a signed-in user refused a page or an endpoint (issue 8: refusals leave an audit entry), as the pipeline
/// audits a refused message. The entry names what was asked for by its route template ("Open page
/// /courses/{CourseId:guid}", "GET /ledger/export.csv") and the record id the route carries, never the address itself
/// or its query string, which could hold a search for a patient's name. Anonymous visitors are sent to sign in and not
/// audited: that is not a refusal of anyone, and it would let anyone fill the trail.
/// </summary>
public interface IAccessRefusals
{
    Task RefusedAsync(ClaimsPrincipal user, string action, IReadOnlyDictionary<string, object?> routeValues, CancellationToken cancellationToken);
}

internal sealed class AuditedAccessRefusals(AuditWriter audit) : IAccessRefusals
{
    /// <summary>The audit trail's limit for an action name.</summary>
    private const int MaxActionLength = 100;

    public Task RefusedAsync(ClaimsPrincipal user, string action, IReadOnlyDictionary<string, object?> routeValues, CancellationToken cancellationToken)
    {
        string? entityType = null;
        Guid? entityId = null;
        foreach (var (key, value) in routeValues)
        {
            // Route parameters are named after their record: CourseId, SessionId, PatientId.
            if (key.Length > 2 && key.EndsWith("Id", StringComparison.Ordinal) && Guid.TryParse(value?.ToString(), out var id))
            {
                (entityType, entityId) = (key[..^2], id);
                break;
            }
        }

        return audit.WriteAsync(UserContext.From(user), action.Length > MaxActionLength ? action[..MaxActionLength] : action, entityType, entityId,
            entityType == "Patient" ? entityId : null, success: false, "forbidden", cancellationToken);
    }

    public static string PageAction(string routeTemplate) => "Open page " + routeTemplate;
}

/// <summary>
/// The authorization middleware's answer, unchanged (a redirect to sign in or to the access-denied page), after an
/// audit entry for a signed-in user it refuses.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler(IAccessRefusals refusals) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var endpoint = context.GetEndpoint();
            var template = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint?.DisplayName ?? "unknown";
            var action = endpoint?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null
                ? AuditedAccessRefusals.PageAction(template)
                : $"{context.Request.Method} {template}";
            // Not the request's token: a refusal is recorded even if the client has gone.
            await refusals.RefusedAsync(context.User, action, context.Request.RouteValues, CancellationToken.None);
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

public static class AccessRefusalServices
{
    public static IServiceCollection AddAccessRefusalAudit(this IServiceCollection services)
    {
        services.AddSingleton<IAccessRefusals, AuditedAccessRefusals>();
        services.AddSingleton<AuditingAuthorizationResultHandler>();
        // Outermost: a staff member still to confirm the authenticator app is sent to it; every other refusal is audited.
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, StaffSecondFactorResultHandler>();
        return services;
    }
}
