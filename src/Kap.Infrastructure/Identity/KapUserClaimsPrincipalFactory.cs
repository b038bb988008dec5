using System.Security.Claims;
using Kap.Application.Common.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Kap.Infrastructure.Identity;

/// <summary>Adds the display name to the sign-in cookie, so screens can greet the user without a query.</summary>
internal sealed class KapUserClaimsPrincipalFactory(UserManager<KapUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<KapUser, IdentityRole<Guid>>(users, roles, options)
{
    public const string DisplayNameClaim = "display_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(KapUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
