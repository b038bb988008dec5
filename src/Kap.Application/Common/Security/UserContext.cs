using System.Security.Claims;

namespace Kap.Application.Common.Security;

/// <summary>Who is sending a message. Anonymous users have no <see cref="Id"/>.</summary>
public sealed record UserContext(Guid? Id, string? UserName, IReadOnlyList<string> Roles, ClaimsPrincipal Principal)
{
    public static UserContext Anonymous { get; } = new(null, null, [], new ClaimsPrincipal(new ClaimsIdentity()));

    public bool IsAuthenticated => Id is not null;

    public bool IsAdmin => Roles.Contains(KapRoles.Admin);

    public bool IsTherapist => Roles.Contains(KapRoles.Therapist);

    public bool IsNursePractitioner => Roles.Contains(KapRoles.NursePractitioner);

    public bool IsPatient => Roles.Contains(KapRoles.Patient);

    public Guid RequiredId => Id ?? throw new InvalidOperationException("This operation needs a signed-in user.");

    public static UserContext From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true ||
            !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return Anonymous;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Distinct().ToArray();
        return new UserContext(id, principal.Identity.Name, roles, principal);
    }
}
