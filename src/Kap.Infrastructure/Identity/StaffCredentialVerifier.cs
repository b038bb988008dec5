using Kap.Application.Common.Identity;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.Infrastructure.Identity;

/// <summary>
/// Checks a witness's user name and password with ASP.NET Core Identity, in a scope of its own (a Blazor
/// circuit's scope lives for hours; Identity's stores should not). Lockout applies as at sign-in.
/// </summary>
internal sealed class StaffCredentialVerifier(IServiceScopeFactory scopes) : IStaffCredentialVerifier
{
    public async Task<VerifiedStaff?> VerifyAsync(StaffCredentials credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (string.IsNullOrWhiteSpace(credentials.UserName) || string.IsNullOrEmpty(credentials.Password))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<KapUser>>();
        var user = await users.FindByNameAsync(credentials.UserName.Trim());
        if (user is null || !user.IsActive || await users.IsLockedOutAsync(user))
        {
            return null;
        }

        if (!await users.CheckPasswordAsync(user, credentials.Password))
        {
            await users.AccessFailedAsync(user);
            return null;
        }

        await users.ResetAccessFailedCountAsync(user);
        var roles = await users.GetRolesAsync(user);
        var isStaff = roles.Any(r => r is KapRoles.Admin or KapRoles.Therapist or KapRoles.NursePractitioner);
        return isStaff ? new VerifiedStaff(user.Id, user.DisplayName) : null;
    }
}
