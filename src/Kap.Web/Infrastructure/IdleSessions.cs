using System.Collections.Concurrent;
using System.Security.Claims;
using Kap.Application.Common.Options;
using Kap.Application.Common.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace Kap.Web.Infrastructure;

/// <summary>
/// When each signed-in patient was last active — an HTTP request or any event in their Blazor circuit — so that a
/// patient's session ends after <see cref="PortalOptions.PatientIdleMinutes"/> without activity (issue 7): the
/// cookie is refused on the next request and an open circuit navigates to the idle sign-out. Kept in memory: a
/// restart counts as activity (nobody is signed out by it); several instances each keep their own view, so a
/// patient bouncing between instances stays signed in a little longer, never shorter.
/// </summary>
public sealed class IdleSessions(TimeProvider clock, IOptionsMonitor<PortalOptions> portal)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new();

    public TimeSpan PatientIdle => TimeSpan.FromMinutes(portal.CurrentValue.PatientIdleMinutes);

    /// <summary>Only patients (who are not also staff) are signed out for idleness here; staff rules come with issue 8.</summary>
    public static bool Applies(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.IsInRole(KapRoles.Patient) && !KapRoles.Staff.Any(user.IsInRole);

    public void Touch(ClaimsPrincipal user)
    {
        if (Applies(user) && Key(user) is { } key)
        {
            _lastSeen[key] = clock.GetUtcNow();
        }
    }

    /// <summary>Whether the user has been idle too long. Unknown users (a restart, a first request) are not.</summary>
    public bool IsExpired(ClaimsPrincipal user) =>
        Applies(user) && Key(user) is { } key && _lastSeen.TryGetValue(key, out var seen) && clock.GetUtcNow() - seen > PatientIdle;

    public void Forget(ClaimsPrincipal user)
    {
        if (Key(user) is { } key)
        {
            _lastSeen.TryRemove(key, out _);
        }
    }

    private static string? Key(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}

/// <summary>Counts every inbound event of a circuit (a click, a keystroke sent to the server) as activity.</summary>
public sealed class IdleCircuitHandler(IdleSessions idle, AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            idle.Touch(state.User);
            await next(context);
        };
}
