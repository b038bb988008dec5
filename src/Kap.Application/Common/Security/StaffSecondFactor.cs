using System.Security.Claims;
using Kap.Application.Common.Options;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Kap.Application.Common.Security;

/// <summary>
/// Staff confirm their sign-in with an authenticator app before any staff policy lets them through (issue 8): a page,
/// an endpoint and a Mediator message all ask the same policies, so a password alone reaches no patient record.
/// Identity marks a sign-in completed with a second factor with the claim <c>amr</c> = <c>mfa</c>.
/// </summary>
public sealed class StaffSecondFactorRequirement : IAuthorizationRequirement
{
    public const string ClaimType = "amr";
    public const string ClaimValue = "mfa";

    public static bool HasSecondFactor(ClaimsPrincipal principal) => principal.HasClaim(ClaimType, ClaimValue);

    /// <summary>A signed-in staff member who still has to confirm with their authenticator app.</summary>
    public static bool IsMissing(ClaimsPrincipal principal, SecurityOptions options) =>
        options.RequireStaffMfa && principal.Identity?.IsAuthenticated == true
        && KapRoles.Staff.Any(principal.IsInRole) && !HasSecondFactor(principal);
}

public sealed class StaffSecondFactorHandler(IOptionsMonitor<SecurityOptions> options) : AuthorizationHandler<StaffSecondFactorRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, StaffSecondFactorRequirement requirement)
    {
        if (!StaffSecondFactorRequirement.IsMissing(context.User, options.CurrentValue))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
