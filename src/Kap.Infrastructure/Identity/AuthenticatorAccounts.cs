using Kap.Application.Common.Identity;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Options;
using Kap.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kap.Infrastructure.Identity;

/// <summary>
/// Identity's own authenticator and recovery-code logic, run by a <see cref="UserManager{TUser}"/> over the operation's
/// DbContext: the request's UserManager has a context of its own, which would write outside the command's transaction
/// (and, on SQLite, wait on its write lock).
/// </summary>
internal sealed class AuthenticatorAccounts(IServiceProvider services, IOptionsMonitor<ClinicOptions> clinic) : IAuthenticatorAccounts
{
    public const int RecoveryCodeCount = 10;

    public async Task<AuthenticatorState?> BeginAsync(IKapDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        using var users = Over(db);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return null;
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return new AuthenticatorState(true, await users.CountRecoveryCodesAsync(user), null, null);
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        return new AuthenticatorState(false, 0, key, AuthenticatorUri(user.Email ?? user.UserName ?? "", key!));
    }

    public async Task<IReadOnlyList<string>?> EnableAsync(IKapDbContext db, Guid userId, string code, CancellationToken cancellationToken)
    {
        using var users = Over(db);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return null;
        }

        // Changes the security stamp: the user's other sessions end within a minute (the caller signs this one in again).
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
    }

    public async Task<IReadOnlyList<string>?> NewRecoveryCodesAsync(IKapDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        using var users = Over(db);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !await users.GetTwoFactorEnabledAsync(user))
        {
            return null;
        }

        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
    }

    public async Task<bool> ResetAsync(IKapDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        using var users = Over(db);
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await users.UpdateSecurityStampAsync(user);
        return true;
    }

    /// <summary>The otpauth:// URI the QR code carries (Google Authenticator's key-URI format, read by every app).</summary>
    private string AuthenticatorUri(string account, string key)
    {
        var issuer = Uri.EscapeDataString("Kap · " + clinic.CurrentValue.Name);
        return $"otpauth://totp/{issuer}:{Uri.EscapeDataString(account)}?secret={key}&issuer={issuer}&digits=6&period=30";
    }

    private UserManager<KapUser> Over(IKapDbContext db) =>
        new(new KapUserStore((KapDbContext)db, services.GetService<IdentityErrorDescriber>()),
            services.GetRequiredService<IOptions<IdentityOptions>>(),
            services.GetRequiredService<IPasswordHasher<KapUser>>(),
            services.GetServices<IUserValidator<KapUser>>(),
            services.GetServices<IPasswordValidator<KapUser>>(),
            services.GetRequiredService<ILookupNormalizer>(),
            services.GetRequiredService<IdentityErrorDescriber>(),
            services,
            services.GetRequiredService<ILogger<UserManager<KapUser>>>());
}
