using System.Security.Claims;
using Kap.Application.Common.Options;
using Kap.Application.Common.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kap.Web.Infrastructure;

/// <summary>
/// A staff member whose sign-in still lacks the authenticator app is sent to set it up or confirm it, instead of to
/// "no access": the staff policies refuse them (<see cref="StaffSecondFactorRequirement"/>) and this turns that
/// refusal into the next step (not audited: it is the normal way in). Every other outcome goes to <paramref name="inner"/>,
/// which audits refusals and answers as the framework does.
/// </summary>
internal sealed class StaffSecondFactorResultHandler(AuditingAuthorizationResultHandler inner) : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<StaffSecondFactorRequirement>().Any() == true)
        {
            if (HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.Redirect(StaffSecondFactorSetup.PathFor(context.Request.Path + context.Request.QueryString));
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return Task.CompletedTask;
        }

        return inner.HandleAsync(next, context, policy, authorizeResult);
    }
}

public static class StaffSecondFactorSetup
{
    public const string Path = "/account/two-factor";

    /// <summary>The set-up page, coming back to <paramref name="returnUrl"/> (a local path) once it is done.</summary>
    public static string PathFor(string? returnUrl) =>
        string.IsNullOrEmpty(returnUrl) || returnUrl == "/" ? Path : $"{Path}?returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>
    /// The security stamp is re-checked every minute and the principal rebuilt from the database; the rebuilt one
    /// keeps how the user signed in (<c>amr</c>), or a staff member would lose their second factor after a minute.
    /// </summary>
    public static Task KeepSignInMethod(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
        {
            foreach (var amr in current.FindAll(StaffSecondFactorRequirement.ClaimType).Where(c => !identity.HasClaim(c.Type, c.Value)))
            {
                identity.AddClaim(new Claim(amr.Type, amr.Value));
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>Only Development may run with staff MFA relaxed: anywhere else Kap refuses to start, saying which setting to change.</summary>
internal sealed class SecurityOptionsEnvironmentCheck(IHostEnvironment environment) : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options) =>
        options.RequireStaffMfa || environment.IsDevelopment()
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Security:RequireStaffMfa can be false only in Development (this is {environment.EnvironmentName}); staff must sign in with an authenticator app.");
}
