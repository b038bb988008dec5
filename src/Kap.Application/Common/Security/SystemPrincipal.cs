using System.Security.Claims;

namespace Kap.Application.Common.Security;

/// <summary>The identity scheduled jobs act as, so their commands go through the same pipeline and audit.</summary>
public static class SystemPrincipal
{
    public static readonly Guid Id = new("00000000-0000-0000-0000-00000000c10c");

    public static ClaimsPrincipal Create() => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.NameIdentifier, Id.ToString()), new Claim(ClaimTypes.Name, "Kap (scheduled)"), new Claim(ClaimTypes.Role, KapRoles.System)],
        authenticationType: "System"));
}

/// <summary>Lets a DI scope with no signed-in user (a job) act as <see cref="SystemPrincipal"/>.</summary>
public sealed class RunAs
{
    public ClaimsPrincipal? Principal { get; private set; }

    public void System() => Principal = SystemPrincipal.Create();
}
