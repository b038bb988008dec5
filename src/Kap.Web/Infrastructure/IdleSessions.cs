using System.Collections.Concurrent;
using System.Security.Claims;
using Kap.Application.Common.Options;
using Kap.Application.Common.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace Kap.Web.Infrastructure;

/// <summary>
/// When each signed-in user was last active — an HTTP request or any event in their Blazor circuit — so that a
/// session ends after a while without activity: <see cref="PortalOptions.PatientIdleMinutes"/> (30) for patients,
/// <see cref="SecurityOptions.StaffIdleMinutes"/> (15) for staff. The cookie is refused on the next request and an
/// open circuit navigates to the idle sign-out. Kept in memory: a
/// restart counts as activity (nobody is signed out by it); several instances each keep their own view, so a
/// patient bouncing between instances stays signed in a little longer, never shorter.
/// </summary>
public sealed class IdleSessions(TimeProvider clock, IOptionsMonitor<PortalOptions> portal, IOptionsMonitor<SecurityOptions> security)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSeen = new();

    public TimeSpan PatientIdle => TimeSpan.FromMinutes(portal.CurrentValue.PatientIdleMinutes);

    public TimeSpan StaffIdle => TimeSpan.FromMinutes(security.CurrentValue.StaffIdleMinutes);

    /// <summary>The idle limit of a user: the staff one for anyone with a staff role (the stricter), else the patient one.</summary>
    public TimeSpan IdleLimit(ClaimsPrincipal user) => KapRoles.Staff.Any(user.IsInRole) ? StaffIdle : PatientIdle;

    /// <summary>Every signed-in person (the system's own jobs never have a cookie).</summary>
    public static bool Applies(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && (user.IsInRole(KapRoles.Patient) || KapRoles.Staff.Any(user.IsInRole));

    public void Touch(ClaimsPrincipal user)
    {
        if (Applies(user) && Key(user) is { } key)
        {
            _lastSeen[key] = clock.GetUtcNow();
        }
    }

    /// <summary>Whether the user has been idle too long. Unknown users (a restart, a first request) are not.</summary>
    public bool IsExpired(ClaimsPrincipal user) =>
        Applies(user) && Key(user) is { } key && _lastSeen.TryGetValue(key, out var seen) && clock.GetUtcNow() - seen > IdleLimit(user);

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
