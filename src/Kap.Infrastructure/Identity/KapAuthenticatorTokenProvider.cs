using System.Globalization;
using Kap.Application.Common.Identity;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Kap.Infrastructure.Identity;

/// <summary>
/// Checks authenticator-app codes (RFC 6238: 6 digits, 30-second steps, HMAC-SHA1 — what every authenticator app
/// makes) against Kap's <see cref="TimeProvider"/>, allowing one step either side for a phone's clock. A code that
/// has been accepted once is refused afterwards, as is any older one (OWASP ASVS 2.8.4): someone who sees a code
/// typed cannot use it again. Identity's own provider reads the wall clock and allows reuse.
/// </summary>
public sealed class KapAuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<KapUser>
{
    public const string ProviderName = "KapAuthenticator";
    private const string LoginProvider = "[KapAuthenticator]";
    private const string LastStepName = "LastAcceptedStep";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<KapUser> manager, KapUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The app makes the codes; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<KapUser> manager, KapUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<KapUser> manager, KapUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = Kap.Application.Features.Account.Authenticator.AuthenticatorCode.Normalize(token);
        if (string.IsNullOrWhiteSpace(key) || code is null)
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
        {
            return false;
        }

        var last = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
        if (long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var lastStep) && step <= lastStep)
        {
            return false;
        }

        await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, step.ToString(CultureInfo.InvariantCulture));
        return true;
    }
}
