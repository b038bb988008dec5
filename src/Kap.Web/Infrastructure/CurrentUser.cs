using System.Security.Claims;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Security;
using Microsoft.AspNetCore.Components.Authorization;

namespace Kap.Web.Infrastructure;

/// <summary>
/// The user of the current Blazor circuit or HTTP request. In a circuit the authentication state is the
/// truth (it is revalidated); outside components (endpoints) it is the request's user.
/// </summary>
internal sealed class CurrentUser(AuthenticationStateProvider authenticationState, IHttpContextAccessor http, RunAs runAs) : ICurrentUser
{
    public async ValueTask<ClaimsPrincipal> GetPrincipalAsync()
    {
        // A scheduled job's scope acts as Kap itself.
        if (runAs.Principal is { } system)
        {
            return system;
        }

        try
        {
            return (await authenticationState.GetAuthenticationStateAsync()).User;
        }
        catch (InvalidOperationException)
        {
            // Not inside a component's scope (a minimal API endpoint): the request carries the user.
            return http.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());
        }
    }
}
